package io.autorecovery.detector.template;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An online template miner of the Drain family. Lines are grouped first by token count, then by
 * their first tokens (a variable token goes to the {@code <*>} branch); within that leaf a line
 * joins the most similar template when at least {@link #SIMILARITY} of its tokens equal the
 * template's and no two plain words differ, and the template becomes {@code <*>} wherever they
 * differ. Otherwise the line starts
 * a template of its own. At most {@code capacity} templates are kept; the least recently matched
 * one is evicted first. Not thread-safe: callers serialise access.
 */
public final class TemplateTree {

    /** Share of equal tokens from which a line joins a template. One setting for every log. */
    public static final double SIMILARITY = 0.5;

    /** Leading tokens that route a line to its leaf. */
    static final int PREFIX_TOKENS = 2;

    /** Children per inner node before further distinct tokens share the {@code <*>} branch. */
    static final int MAX_CHILDREN = 100;

    /** Roots by token count; lines longer than the tokenizer's bound go to {@link #longer}. */
    private final Node[] byLength = new Node[LogTokenizer.MAX_TOKENS + 1];

    private final Map<Integer, Node> longer = new HashMap<>();
    private final LinkedHashMap<String, Placed> recent;
    private final int capacity;
    private long evictions;
    private List<String> evictedIds = new ArrayList<>();

    public TemplateTree(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive, was " + capacity);
        }
        this.capacity = capacity;
        this.recent = new LinkedHashMap<>(Math.min(capacity, 1024), 0.75f, true);
    }

    /** The outcome of adding a line: its template, and whether the template is new or changed. */
    public record Learned(LogTemplate template, boolean created, boolean changed) {}

    /** Adds a line (already tokenized and masked) and returns the template it now belongs to. */
    public Learned add(String[] tokens) {
        List<LogTemplate> leaf = leafOf(tokens);
        LogTemplate best = bestMatch(leaf, tokens);
        if (best != null) {
            boolean changed = best.absorb(tokens);
            best.matched();
            recent.get(best.id());

            return new Learned(best, false, changed);
        }
        String id = LogTemplate.idOf(tokens);
        Placed same = recent.get(id);
        if (same != null) {
            // The line reads exactly as a template once did; it belongs there.
            same.template().absorb(tokens);
            same.template().matched();

            return new Learned(same.template(), false, false);
        }
        LogTemplate created = place(id, tokens.clone(), leaf);
        created.matched();

        return new Learned(created, true, false);
    }

    /** The template a line would join, without learning from it. */
    public Optional<LogTemplate> match(String[] tokens) {
        return Optional.ofNullable(bestMatch(leafOf(tokens), tokens));
    }

    /** Puts back a template saved earlier (same id, same tokens), as when the service restarts. */
    public LogTemplate restore(String id, String[] tokens) {
        Placed known = recent.get(id);
        if (known != null) {
            return known.template();
        }

        return place(id, tokens.clone(), leafOf(tokens));
    }

    public Optional<LogTemplate> byId(String id) {
        Placed placed = recent.get(id);

        return placed == null ? Optional.empty() : Optional.of(placed.template());
    }

    public int size() {
        return recent.size();
    }

    public long evictions() {
        return evictions;
    }

    /** Ids of the templates evicted since the last call, oldest first. */
    public List<String> drainEvicted() {
        List<String> evicted = evictedIds;
        evictedIds = new ArrayList<>();

        return evicted;
    }

    private LogTemplate place(String id, String[] tokens, List<LogTemplate> leaf) {
        LogTemplate template = new LogTemplate(id, tokens);
        leaf.add(template);
        recent.put(id, new Placed(template, leaf));
        if (recent.size() > capacity) {
            evictEldest();
        }

        return template;
    }

    private void evictEldest() {
        Iterator<Map.Entry<String, Placed>> eldest = recent.entrySet().iterator();
        Placed placed = eldest.next().getValue();
        eldest.remove();
        placed.leaf().remove(placed.template());
        evictedIds.add(placed.template().id());
        evictions++;
    }

    private static LogTemplate bestMatch(List<LogTemplate> leaf, String[] tokens) {
        LogTemplate best = null;
        double bestScore = -1;
        int bestWildcards = -1;
        for (LogTemplate candidate : leaf) {
            double score = similarity(candidate.tokens(), tokens);
            int wildcards = candidate.wildcards();
            if (score > bestScore || (score == bestScore && wildcards > bestWildcards)) {
                best = candidate;
                bestScore = score;
                bestWildcards = wildcards;
            }
        }

        return bestScore >= SIMILARITY ? best : null;
    }

    /**
     * Share of the template's tokens, wildcards included, that the line repeats as constants; -1
     * when a plain word differs. A line of mostly variables therefore rather starts a template of
     * its own than joins one on a single shared word.
     */
    private static double similarity(String[] template, String[] tokens) {
        int equal = 0;
        for (int i = 0; i < template.length; i++) {
            String token = template[i];
            if (token.equals(LogTokenizer.WILDCARD)) {
                continue;
            }
            if (token.equals(tokens[i])) {
                equal++;
            } else if (wordsDiffer(token, tokens[i])) {
                // Two different plain words ("Started", "Stopped") mark two events. The cost: a
                // variable of that shape (a user name) splits its event by value.
                return -1;
            }
        }

        return template.length == 0 ? 1 : (double) equal / template.length;
    }

    /**
     * Whether two tokens are different plain words. Two upper-case words (SAM, SYSTEM) are rather
     * values of one setting, and do not count.
     */
    private static boolean wordsDiffer(String a, String b) {
        return isWord(a) && isWord(b) && !(isUpperCase(a) && isUpperCase(b));
    }

    private static boolean isUpperCase(String token) {
        for (int i = 0; i < token.length(); i++) {
            if (Character.isLowerCase(token.charAt(i))) {
                return false;
            }
        }

        return true;
    }

    private static boolean isWord(String token) {
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (!Character.isLetter(c) && !(i == token.length() - 1 && (c == '.' || c == ','))) {
                return false;
            }
        }

        return true;
    }

    private List<LogTemplate> leafOf(String[] tokens) {
        Node node = root(tokens.length);
        int depth = Math.min(PREFIX_TOKENS, tokens.length);
        for (int i = 0; i < depth; i++) {
            node = node.child(tokens[i]);
        }

        return node.templates();
    }

    private Node root(int length) {
        if (length >= byLength.length) {
            return longer.computeIfAbsent(length, any -> new Node());
        }
        Node root = byLength[length];
        if (root == null) {
            root = new Node();
            byLength[length] = root;
        }

        return root;
    }

    private record Placed(LogTemplate template, List<LogTemplate> leaf) {}

    /** An inner node keyed by token, or a leaf holding templates. */
    private static final class Node {

        private Map<String, Node> children;
        private List<LogTemplate> templates;

        Node child(String token) {
            if (children == null) {
                children = new HashMap<>();
            }
            Node child = children.get(token);
            if (child != null) {
                return child;
            }
            if (token.equals(LogTokenizer.WILDCARD) || children.size() >= MAX_CHILDREN) {
                return children.computeIfAbsent(LogTokenizer.WILDCARD, wildcard -> new Node());
            }
            child = new Node();
            children.put(token, child);

            return child;
        }

        List<LogTemplate> templates() {
            if (templates == null) {
                templates = new ArrayList<>();
            }

            return templates;
        }
    }
}
