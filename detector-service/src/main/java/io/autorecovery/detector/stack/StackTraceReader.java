package io.autorecovery.detector.stack;

import io.autorecovery.detector.stack.StackSignature.DroppedFrame;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a Java or Python stack trace into its {@link StackSignature}: exceptions and causes, the
 * application frames of each normalised (no line numbers, no lambdas, proxies or framework frames,
 * recursion collapsed), the first few of each kept.
 */
public final class StackTraceReader {

    /** Application frames kept per exception: the ones nearest to where it was thrown. */
    static final int MAX_FRAMES_PER_EXCEPTION = 8;

    /** Frames of a framework-only trace kept, so that it still says where it failed. */
    static final int FRAMEWORK_FRAMES_WHEN_NO_APPLICATION_FRAME = 3;

    /** Frames read per exception and dropped frames named; the rest are counted. */
    private static final int MAX_FRAMES_READ = 5000;

    private static final int MAX_DROPPED_NAMED = 50;
    private static final int MAX_REPEAT_LENGTH = 10;
    private static final int MAX_TYPE_CHARS = 200;

    private static final Pattern JAVA_FRAME = Pattern.compile("^at\\s+(\\S+?)\\((.*)\\)\\s*$");
    private static final Pattern TYPE = Pattern.compile("^([A-Za-z_$][\\w$]*(?:\\.[A-Za-z_$][\\w$]*)*)(?::.*)?$");
    private static final Pattern PYTHON_FRAME = Pattern.compile("^File \"(.*)\", line \\d+, in (\\S+)\\s*$");
    private static final String TRACEBACK = "Traceback (most recent call last):";

    private StackTraceReader() {}

    /** The signature of a stack trace, or empty when the text names no exception. */
    public static Optional<StackSignature> read(String stackTrace) {
        if (stackTrace == null || stackTrace.isBlank()) {
            return Optional.empty();
        }
        String[] lines = stackTrace.split("\n");
        boolean python = stackTrace.contains(TRACEBACK);
        List<Section> sections = python ? readPython(lines) : readJava(lines);
        if (sections.isEmpty() || sections.get(0).type == null) {
            return Optional.empty();
        }

        return Optional.of(sign(python ? "python" : "java", sections));
    }

    private static List<Section> readJava(String[] lines) {
        List<Section> sections = new ArrayList<>();
        Section current = null;
        for (String raw : lines) {
            String line = raw.strip();
            Matcher frame = JAVA_FRAME.matcher(line);
            if (frame.matches()) {
                if (current != null) {
                    current.addJava(frame.group(1));
                }
            } else if (line.startsWith("Caused by: ")) {
                current = section(sections, typeOf(line.substring("Caused by: ".length())), false);
            } else if (line.startsWith("Suppressed: ") || line.startsWith("Wrapped by: ")) {
                current = section(sections, typeOf(line.substring(line.indexOf(':') + 2)), true);
            } else if (current == null && typeOf(line) != null) {
                current = section(sections, typeOf(line), false);
            }
        }
        return sections;
    }

    /** Python prints the first exception first: the last traceback is the one raised. */
    private static List<Section> readPython(String[] lines) {
        List<Section> printed = new ArrayList<>();
        Section current = null;
        for (String raw : lines) {
            String line = raw.strip();
            Matcher frame = PYTHON_FRAME.matcher(line);
            if (line.startsWith(TRACEBACK)) {
                current = new Section(null, false);
                printed.add(current);
            } else if (current != null && frame.matches()) {
                current.addPython(frame.group(1), frame.group(2));
            } else if (current != null && current.type == null && !raw.startsWith(" ") && !current.frames.isEmpty()) {
                current.type = typeOf(line);
            }
        }
        List<Section> raisedFirst = new ArrayList<>();
        for (int i = printed.size() - 1; i >= 0; i--) {
            if (printed.get(i).type != null) {
                raisedFirst.add(printed.get(i));
            }
        }
        return raisedFirst;
    }

    private static Section section(List<Section> sections, String type, boolean suppressed) {
        Section section = new Section(type == null ? "unknown" : type, suppressed);
        sections.add(section);
        return section;
    }

    private static String typeOf(String text) {
        Matcher type = TYPE.matcher(text.strip());
        if (!type.matches() || type.group(1).length() > MAX_TYPE_CHARS) {
            return null;
        }
        return type.group(1);
    }

    private static StackSignature sign(String language, List<Section> sections) {
        Signing signing = new Signing();
        for (Section section : sections) {
            signing.add(section, section == sections.get(0));
        }
        if (signing.applicationFrames == 0) {
            signing.keepFrameworkFrames(sections.get(0), language.equals("python"));
        }
        Section main = sections.get(0);
        List<String> causes = sections.stream()
                .skip(1)
                .filter(section -> !section.suppressed)
                .map(section -> section.type)
                .toList();

        return new StackSignature(language, main.type, causes, signing.frames, signing.dropped, signing.droppedCount);
    }

    /** One exception of a trace and the frames printed under it, each with the reason it is dropped. */
    private static final class Section {

        private String type;
        private final boolean suppressed;
        private final List<Frame> frames = new ArrayList<>();
        private boolean python;
        private int unread;

        Section(String type, boolean suppressed) {
            this.type = type;
            this.suppressed = suppressed;
        }

        void addJava(String qualified) {
            if (frames.size() >= MAX_FRAMES_READ) {
                unread++;
                return;
            }
            String name =
                    qualified.contains("$$Lambda") ? qualified : qualified.substring(qualified.lastIndexOf('/') + 1);
            int dot = name.lastIndexOf('.');
            String type = dot < 0 ? name : name.substring(0, dot);
            String method = dot < 0 ? "" : name.substring(dot + 1);
            frames.add(
                    new Frame(name, FrameFilter.dropReasonOfJava(type, method).orElse(null)));
        }

        void addPython(String path, String function) {
            python = true;
            if (frames.size() >= MAX_FRAMES_READ) {
                unread++;
                return;
            }
            frames.add(new Frame(
                    shortPath(path) + ":" + function,
                    FrameFilter.dropReasonOfPython(path, function).orElse(null)));
        }

        /** The last two parts of a path: they survive a move of the application's root directory. */
        private static String shortPath(String path) {
            String normal = path.replace('\\', '/');
            int last = normal.lastIndexOf('/');
            int before = last <= 0 ? -1 : normal.lastIndexOf('/', last - 1);
            return normal.substring(before + 1);
        }
    }

    private record Frame(String name, String dropReason) {}

    /** The frames kept and dropped, as the sections of a trace are read in turn. */
    private static final class Signing {

        private final List<String> frames = new ArrayList<>();
        private final List<DroppedFrame> dropped = new ArrayList<>();
        private int droppedCount;
        private int applicationFrames;

        void add(Section section, boolean main) {
            if (section.suppressed) {
                section.frames.forEach(frame -> drop(frame.name(), "frame of a suppressed exception"));
                return;
            }
            if (!main) {
                frames.add("caused by " + section.type);
            }
            List<String> kept = new ArrayList<>();
            for (Frame frame : section.frames) {
                if (frame.dropReason() == null) {
                    kept.add(frame.name());
                } else {
                    drop(frame.name(), frame.dropReason());
                }
            }
            kept = collapseRecursion(kept);
            // Java prints the frame that threw first, Python last.
            int from = section.python ? Math.max(0, kept.size() - MAX_FRAMES_PER_EXCEPTION) : 0;
            int to = Math.min(kept.size(), from + MAX_FRAMES_PER_EXCEPTION);
            for (int i = 0; i < kept.size(); i++) {
                if (i < from || i >= to) {
                    drop(kept.get(i), "beyond the " + MAX_FRAMES_PER_EXCEPTION + " frames nearest the throw");
                }
            }
            frames.addAll(kept.subList(from, to));
            applicationFrames += to - from;
            droppedCount += section.unread;
        }

        void keepFrameworkFrames(Section main, boolean python) {
            List<String> chosen = main.frames.stream()
                    .filter(frame -> frame.dropReason() != null
                                    && frame.dropReason().startsWith("framework")
                            || frame.dropReason() != null && frame.dropReason().startsWith("library"))
                    .map(Frame::name)
                    .toList();
            int count = Math.min(FRAMEWORK_FRAMES_WHEN_NO_APPLICATION_FRAME, chosen.size());
            List<String> kept =
                    python ? chosen.subList(chosen.size() - count, chosen.size()) : chosen.subList(0, count);
            int at = 0;
            for (String frame : kept) {
                frames.add(at++, frame);
                dropped.removeIf(d -> d.frame().equals(frame));
            }
        }

        private List<String> collapseRecursion(List<String> frames) {
            List<String> out = new ArrayList<>(frames.size());
            for (String frame : frames) {
                out.add(frame);
                for (int length = 1; length <= MAX_REPEAT_LENGTH && out.size() >= 2 * length; length++) {
                    if (repeats(out, length)) {
                        for (int i = 0; i < length; i++) {
                            drop(out.remove(out.size() - 1), "recursion: repeats the frames above it");
                        }
                        break;
                    }
                }
            }
            return out;
        }

        private static boolean repeats(List<String> frames, int length) {
            int end = frames.size();
            for (int i = 0; i < length; i++) {
                if (!frames.get(end - 1 - i).equals(frames.get(end - 1 - length - i))) {
                    return false;
                }
            }
            return true;
        }

        private void drop(String frame, String reason) {
            droppedCount++;
            if (dropped.size() < MAX_DROPPED_NAMED) {
                dropped.add(new DroppedFrame(frame, reason));
            }
        }
    }
}
