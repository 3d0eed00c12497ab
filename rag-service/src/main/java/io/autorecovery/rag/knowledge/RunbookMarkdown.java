package io.autorecovery.rag.knowledge;

import io.autorecovery.contracts.FaultClass;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads a runbook: Markdown that opens with a small front matter block between two {@code ---}
 * lines, naming the runbook, its fault classes and optionally a remediation recipe, and that has a
 * "Root cause" and a "Remediation" section.
 *
 * <pre>
 * ---
 * id: db-timeout
 * title: Database statement timeouts
 * fault-classes: [db-timeout]
 * recipe:
 *   file: config/application.properties
 *   setting: db.statement-timeout-ms
 *   from: 5000
 *   to: 15000
 *   summary: Give statements more time while the slow query is fixed
 * ---
 * </pre>
 */
public final class RunbookMarkdown {

    private static final String FENCE = "---";
    private static final Set<String> KEYS = Set.of("id", "title", "fault-classes", "recipe");
    private static final Set<String> RECIPE_KEYS = Set.of("file", "setting", "from", "to", "summary");

    private RunbookMarkdown() {}

    /** A runbook as read from its Markdown, before it becomes a document. */
    public record Parsed(
            String id,
            String title,
            List<FaultClass> faultClasses,
            Recipe recipe,
            String rootCause,
            String remediation,
            String markdown) {}

    public static Parsed parse(String markdown) {
        if (markdown == null || markdown.isBlank()) {
            throw new InvalidDocumentException("a runbook needs a Markdown body with front matter");
        }
        List<String> lines = markdown.replace("\r\n", "\n").lines().toList();
        if (!lines.get(0).strip().equals(FENCE)) {
            throw new InvalidDocumentException("a runbook must start with a front matter line '---'");
        }
        int end = closingFence(lines);
        Map<String, String> fields = new LinkedHashMap<>();
        Map<String, String> recipe = new LinkedHashMap<>();
        readFrontMatter(lines.subList(1, end), fields, recipe);
        String body = String.join("\n", lines.subList(end + 1, lines.size()));

        return new Parsed(
                fields.get("id"),
                required(fields, "title"),
                faultClasses(required(fields, "fault-classes")),
                recipe.isEmpty() ? null : recipeOf(recipe),
                section(body, "root cause"),
                section(body, "remediation"),
                markdown);
    }

    private static int closingFence(List<String> lines) {
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).strip().equals(FENCE)) {
                return i;
            }
        }
        throw new InvalidDocumentException("the runbook's front matter has no closing '---' line");
    }

    private static void readFrontMatter(List<String> lines, Map<String, String> fields, Map<String, String> recipe) {
        boolean inRecipe = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank() || line.strip().startsWith("#")) {
                continue;
            }
            boolean indented = Character.isWhitespace(line.charAt(0));
            String[] pair = keyValue(line, i + 2);
            if (indented && inRecipe) {
                put(recipe, RECIPE_KEYS, pair, "recipe field", i + 2);
            } else if (indented) {
                throw new InvalidDocumentException("front matter line " + (i + 2) + " is indented outside 'recipe:'");
            } else {
                put(fields, KEYS, pair, "front matter key", i + 2);
                inRecipe = pair[0].equals("recipe");
                if (inRecipe && !pair[1].isEmpty()) {
                    throw new InvalidDocumentException("'recipe:' takes indented fields on the next lines");
                }
            }
        }
    }

    private static String[] keyValue(String line, int number) {
        int colon = line.indexOf(':');
        if (colon <= 0) {
            throw new InvalidDocumentException("front matter line " + number + " is not 'key: value'");
        }
        String value = line.substring(colon + 1).strip();
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            value = value.substring(1, value.length() - 1);
        }
        return new String[] {line.substring(0, colon).strip().toLowerCase(Locale.ROOT), value};
    }

    private static void put(Map<String, String> into, Set<String> known, String[] pair, String what, int line) {
        if (!known.contains(pair[0])) {
            throw new InvalidDocumentException(
                    "unknown " + what + " '" + pair[0] + "' on line " + line + "; known: " + known);
        }
        if (into.put(pair[0], pair[1]) != null) {
            throw new InvalidDocumentException(what + " '" + pair[0] + "' appears twice");
        }
    }

    private static String required(Map<String, String> fields, String key) {
        String value = fields.get(key);
        if (value == null || value.isBlank()) {
            throw new InvalidDocumentException("the runbook's front matter needs '" + key + "'");
        }
        return value;
    }

    /** Reads {@code [a, b]} or {@code a, b}; every code must belong to the shared vocabulary. */
    static List<FaultClass> faultClasses(String list) {
        String inner = list.startsWith("[") && list.endsWith("]") ? list.substring(1, list.length() - 1) : list;
        List<FaultClass> classes = new ArrayList<>();
        for (String code : inner.split(",")) {
            classes.add(faultClass(code.strip()));
        }
        return List.copyOf(classes);
    }

    public static FaultClass faultClass(String code) {
        FaultClass faultClass = FaultClass.of(code);
        if (faultClass == FaultClass.UNKNOWN && !FaultClass.UNKNOWN.code().equals(code)) {
            throw new InvalidDocumentException("unknown fault class '" + code + "'; known: "
                    + Arrays.stream(FaultClass.values()).map(FaultClass::code).toList());
        }
        return faultClass;
    }

    private static Recipe recipeOf(Map<String, String> fields) {
        return new Recipe(
                fields.get("file"), fields.get("setting"), fields.get("from"), fields.get("to"), fields.get("summary"));
    }

    /** The text under a level-two heading, up to the next heading of level one or two. */
    static String section(String body, String heading) {
        StringBuilder text = new StringBuilder();
        boolean inside = false;
        for (String line : body.lines().toList()) {
            if (line.startsWith("## ") || line.startsWith("# ")) {
                if (inside) {
                    break;
                }
                inside = line.substring(line.indexOf(' ') + 1).strip().equalsIgnoreCase(heading);
                continue;
            }
            if (inside) {
                text.append(line).append('\n');
            }
        }
        String found = text.toString().strip();
        if (found.isEmpty()) {
            throw new InvalidDocumentException("the runbook needs a '## " + capitalised(heading) + "' section");
        }
        return found;
    }

    private static String capitalised(String heading) {
        return Character.toUpperCase(heading.charAt(0)) + heading.substring(1);
    }
}
