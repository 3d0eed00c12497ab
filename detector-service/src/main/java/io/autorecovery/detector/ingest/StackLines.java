package io.autorecovery.detector.ingest;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Recognises the lines of Java and Python stack traces that continue the record before them. */
final class StackLines {

    private static final Pattern JAVA_FRAME = Pattern.compile("^\\s+at\\s+\\S.*");
    private static final Pattern MORE = Pattern.compile("^\\s*\\.\\.\\. \\d+ (more|common frames omitted).*");
    private static final Pattern CAUSE = Pattern.compile("^\\s*(Caused by|Suppressed|Wrapped by): .*");
    private static final Pattern JAVA_EXCEPTION =
            Pattern.compile("^([a-zA-Z_$][\\w$]*\\.)+[\\w$]*(Exception|Error|Throwable|Failure)\\b(: .*)?$");
    private static final Pattern PYTHON_FRAME = Pattern.compile("^\\s+File \".*\", line \\d+.*");
    private static final String TRACEBACK = "Traceback (most recent call last):";
    private static final Pattern PYTHON_CHAIN =
            Pattern.compile("^(During handling of the above exception, another exception occurred:"
                    + "|The above exception was the direct cause of the following exception:)\\s*$");
    private static final Pattern PYTHON_EXCEPTION = Pattern.compile("^([A-Za-z_][\\w]*\\.)*[A-Za-z_][\\w]*(: .*)?$");
    private static final String THREAD_DEATH_START = "Exception in thread \"";
    private static final Pattern THREAD_DEATH = Pattern.compile("^Exception in thread \"[^\"]*\" (.*)$");

    private StackLines() {}

    /** A line that, on its own, can only continue a record: a frame, a cause, a traceback line. */
    static boolean isContinuation(String line) {
        if (line.isEmpty()) {
            return false;
        }
        char first = line.charAt(0);
        if (first == ' ' || first == '\t') {
            return !line.isBlank();
        }

        return line.startsWith(TRACEBACK)
                || CAUSE.matcher(line).matches()
                || MORE.matcher(line).matches()
                || JAVA_EXCEPTION.matcher(line).matches()
                || PYTHON_CHAIN.matcher(line).matches();
    }

    /** The first line of a stack trace: when it opens a record, the record is an error. */
    static boolean startsStackTrace(String line) {
        return line.startsWith(TRACEBACK) || JAVA_EXCEPTION.matcher(line).matches() || isThreadDeath(line);
    }

    static boolean isThreadDeath(String line) {
        return line.startsWith(THREAD_DEATH_START) && THREAD_DEATH.matcher(line).matches();
    }

    /**
     * The first line of the stack trace a line starts, or null: the line itself, or, for the JVM's
     * {@code Exception in thread "main" java.lang.X: ...}, the exception after the thread name.
     */
    static String traceHeadIn(String line) {
        if (line.startsWith(THREAD_DEATH_START)) {
            Matcher death = THREAD_DEATH.matcher(line);
            if (death.matches()) {
                return death.group(1);
            }
        }
        return line.startsWith(TRACEBACK) || JAVA_EXCEPTION.matcher(line).matches() ? line : null;
    }

    static boolean isTracebackStart(String line) {
        return line.startsWith(TRACEBACK);
    }

    static boolean isPythonFrame(String line) {
        return PYTHON_FRAME.matcher(line).matches();
    }

    /** The closing line of a Python traceback, such as {@code KeyError: 'sku'}. */
    static boolean isPythonException(String line) {
        return !line.isEmpty()
                && line.length() < 4096
                && PYTHON_EXCEPTION.matcher(line).matches();
    }

    static boolean isJavaFrame(String line) {
        return JAVA_FRAME.matcher(line).matches();
    }
}
