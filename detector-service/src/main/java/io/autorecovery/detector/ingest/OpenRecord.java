package io.autorecovery.detector.ingest;

import io.autorecovery.contracts.LogRecord;
import io.autorecovery.detector.SampleText;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * A record being assembled: its head line and the continuation lines seen so far, bounded in lines
 * and characters. Past the bounds, lines are counted, not kept, except the lines that name a cause
 * (a few of them), so that the cause chain of a huge trace survives; a marker says what was left out.
 *
 * @param <T> what each line came from (a Kafka message to acknowledge, a line number)
 */
final class OpenRecord<T> {

    /** Cause lines still kept once a record is over its bounds, and the characters they may take. */
    private static final int MAX_CAUSES_PAST_LIMIT = 32;

    private static final int MAX_CAUSE_CHARS = 512;
    private static final Pattern CAUSE_LINE =
            Pattern.compile("^\\s*(Caused by|Suppressed|Wrapped by): .*|^(During handling|The above exception).*");

    private final ParsedLine head;
    private final Instant receivedAt;
    private final int maxLines;
    private final int maxChars;
    private final StringBuilder continuation = new StringBuilder();
    private final T first;

    /** The sources of the lines after the head; most records have none. */
    private List<T> more;

    private int lines = 1;
    private int chars;
    private int causesPastLimit;
    private long droppedLines;
    private long droppedChars;
    private long pendingLines;
    private long pendingChars;
    private boolean python;
    private boolean expectingPythonException;
    private String pythonException;
    private boolean messageCut;
    final long openedAt;
    long lastTouched;

    OpenRecord(ParsedLine head, T source, Instant receivedAt, int maxLines, int maxChars, long now) {
        this.head = head;
        this.receivedAt = receivedAt;
        this.maxLines = maxLines;
        this.maxChars = maxChars;
        this.chars = head.message().length();
        this.openedAt = now;
        this.lastTouched = now;
        this.first = source;
        track(head.message());
    }

    /** Whether a line that looks like a head of its own in fact closes or continues this record. */
    boolean continuesInContext(ParsedLine line) {
        if (!python || line.level() != null || line.occurredAt() != null || line.stackTrace() != null) {
            return false;
        }
        String text = line.message();
        return text.isBlank() || expectingPythonException && StackLines.isPythonException(text);
    }

    void append(String text, T source, long now) {
        addSource(source);
        lastTouched = now;
        track(text);
        boolean fits = lines < maxLines && chars + text.length() + 1 <= maxChars;
        if (fits && pendingLines == 0) {
            keep(text);
            return;
        }
        if (CAUSE_LINE.matcher(text).matches() && causesPastLimit < MAX_CAUSES_PAST_LIMIT) {
            causesPastLimit++;
            writeMarker();
            keep(text.length() <= MAX_CAUSE_CHARS ? text : text.substring(0, MAX_CAUSE_CHARS) + "…");
            return;
        }
        pendingLines++;
        pendingChars += text.length();
    }

    /** Adds the source of a line that carries nothing to keep (a blank line), so it is settled with the rest. */
    void absorb(T source, long now) {
        addSource(source);
        lastTouched = now;
    }

    ParsedLine head() {
        return head;
    }

    /** The sources of all the record's lines, in order. */
    List<T> sources() {
        if (more == null) {
            return List.of(first);
        }
        List<T> all = new ArrayList<>(more.size() + 1);
        all.add(first);
        all.addAll(more);
        return all;
    }

    private void addSource(T source) {
        if (more == null) {
            more = new ArrayList<>();
        }
        more.add(source);
    }

    /** Whether lines were left out or the message was cut; known once {@link #toRecord} ran. */
    boolean truncated() {
        return droppedLines > 0 || pendingLines > 0 || messageCut;
    }

    LogRecord toRecord() {
        writeMarker();
        String message = head.message();
        String stack = stackTrace();
        if (head.continuation() || head.level() == null || StackLines.isThreadDeath(message)) {
            // A trace printed without a log line: its first line is both the message and the trace's head.
            String traceHead = StackLines.traceHeadIn(message);
            if (traceHead != null) {
                stack = stack == null ? traceHead : traceHead + "\n" + stack;
            }
            if (python && pythonException != null) {
                message = pythonException;
            }
        }
        if (message.length() > maxChars) {
            messageCut = true;
            message = SampleText.truncate(message, maxChars);
        }
        Instant at = head.occurredAt() != null ? head.occurredAt() : receivedAt;

        return new LogRecord(
                randomId(),
                at.truncatedTo(ChronoUnit.MILLIS),
                LogRecord.VERSION,
                head.service(),
                level(),
                message,
                head.logger(),
                head.thread(),
                head.traceId(),
                stack);
    }

    /**
     * A random (version 4) id for the assembled record. It only tells records apart inside the
     * detector, so it is drawn from a fast generator rather than a secure one.
     */
    private static UUID randomId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = random.nextLong() & ~0xF000L | 0x4000L;
        long low = random.nextLong() & 0x3FFFFFFFFFFFFFFFL | 0x8000000000000000L;
        return new UUID(high, low);
    }

    private String level() {
        return head.level() == null && StackLines.traceHeadIn(head.message()) != null ? "ERROR" : head.level();
    }

    private String stackTrace() {
        String own = head.stackTrace();
        if (continuation.isEmpty()) {
            return own;
        }
        return own == null ? continuation.toString() : own + "\n" + continuation;
    }

    private void keep(String text) {
        if (!continuation.isEmpty()) {
            continuation.append('\n');
        }
        continuation.append(text);
        lines++;
        chars += text.length() + 1;
    }

    private void writeMarker() {
        if (pendingLines == 0) {
            return;
        }
        droppedLines += pendingLines;
        droppedChars += pendingChars;
        String marker = "\t... [truncated: " + pendingLines + " lines, " + pendingChars + " chars not kept]";
        pendingLines = 0;
        pendingChars = 0;
        if (!continuation.isEmpty()) {
            continuation.append('\n');
        }
        continuation.append(marker);
    }

    private void track(String text) {
        if (StackLines.isTracebackStart(text)) {
            python = true;
            expectingPythonException = false;
        } else if (python && !text.isEmpty() && Character.isWhitespace(text.charAt(0))) {
            expectingPythonException = true;
        } else if (python && expectingPythonException && StackLines.isPythonException(text)) {
            pythonException = text;
            expectingPythonException = false;
        }
    }
}
