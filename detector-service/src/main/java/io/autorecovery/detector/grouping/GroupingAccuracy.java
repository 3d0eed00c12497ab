package io.autorecovery.detector.grouping;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Grouping accuracy (GA): a line is correct when the set of lines the miner put in its group is
 * exactly the set of lines that share its ground-truth event. GA is correct lines over all lines.
 */
public final class GroupingAccuracy {

    private GroupingAccuracy() {}

    /** {@code truth.get(i)} and {@code predicted.get(i)} are the labels of line {@code i}. */
    public static double of(List<String> truth, List<String> predicted) {
        if (truth.size() != predicted.size()) {
            throw new IllegalArgumentException(
                    "labels differ in number: " + truth.size() + " true, " + predicted.size() + " predicted");
        }
        if (truth.isEmpty()) {
            return 1.0;
        }
        Map<String, Integer> truthSizes = countBy(truth);
        Map<String, Integer> predictedSizes = countBy(predicted);
        // A predicted group is exact when all its lines share one true event of the same size.
        Map<String, String> eventOfGroup = new HashMap<>();
        Map<String, Boolean> pure = new HashMap<>();
        for (int i = 0; i < truth.size(); i++) {
            String previous = eventOfGroup.putIfAbsent(predicted.get(i), truth.get(i));
            if (previous != null && !previous.equals(truth.get(i))) {
                pure.put(predicted.get(i), false);
            }
        }
        long correct = 0;
        for (Map.Entry<String, Integer> group : predictedSizes.entrySet()) {
            String event = eventOfGroup.get(group.getKey());
            boolean exact = pure.getOrDefault(group.getKey(), true)
                    && truthSizes.get(event).equals(group.getValue());
            if (exact) {
                correct += group.getValue();
            }
        }

        return (double) correct / truth.size();
    }

    private static Map<String, Integer> countBy(List<String> labels) {
        Map<String, Integer> sizes = new HashMap<>();
        for (String label : labels) {
            sizes.merge(label, 1, Integer::sum);
        }

        return sizes;
    }
}
