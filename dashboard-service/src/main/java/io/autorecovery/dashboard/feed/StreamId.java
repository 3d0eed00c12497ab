package io.autorecovery.dashboard.feed;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The id of an entry of a Redis stream, {@code <milliseconds>-<sequence>}, ordered as Redis orders
 * entries. It is also the id of the server-sent event that carries the entry.
 */
public record StreamId(long millis, long sequence) implements Comparable<StreamId> {

    /** Lower than every id Redis hands out: "after ZERO" means from the start of the stream. */
    public static final StreamId ZERO = new StreamId(0, 0);

    private static final int MAX_TEXT_LENGTH = 41;
    private static final Pattern FORM = Pattern.compile("(\\d{1,19})-(\\d{1,19})");

    public StreamId {
        if (millis < 0 || sequence < 0) {
            throw new IllegalArgumentException("a stream id has no negative parts");
        }
    }

    /**
     * Reads an id in the form Redis writes it.
     *
     * @throws IllegalArgumentException if the text is not such an id
     */
    public static StreamId parse(String text) {
        if (text == null || text.length() > MAX_TEXT_LENGTH) {
            throw new IllegalArgumentException("not a stream id: expected <milliseconds>-<sequence>");
        }
        Matcher matcher = FORM.matcher(text.strip());
        if (!matcher.matches()) {
            throw new IllegalArgumentException("not a stream id: expected <milliseconds>-<sequence>");
        }
        try {
            return new StreamId(Long.parseLong(matcher.group(1)), Long.parseLong(matcher.group(2)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a stream id: a part is out of range", e);
        }
    }

    public boolean isAfter(StreamId other) {
        return compareTo(other) > 0;
    }

    @Override
    public int compareTo(StreamId other) {
        int byMillis = Long.compare(millis, other.millis);

        return byMillis != 0 ? byMillis : Long.compare(sequence, other.sequence);
    }

    @Override
    public String toString() {
        return millis + "-" + sequence;
    }
}
