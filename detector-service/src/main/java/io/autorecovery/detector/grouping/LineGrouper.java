package io.autorecovery.detector.grouping;

import io.autorecovery.detector.template.LogTemplate;
import io.autorecovery.detector.template.LogTokenizer;
import io.autorecovery.detector.template.TemplateTree;
import java.util.ArrayList;
import java.util.List;

/** Runs the template miner over a list of lines and says which template each line ended in. */
public final class LineGrouper {

    /** Templates kept while grouping a file: far above any benchmark's count of events. */
    public static final int CAPACITY = 100_000;

    private LineGrouper() {}

    /** The templates of the lines, in order, each as it stands once every line has been seen. */
    public static List<LogTemplate> group(List<String> contents) {
        TemplateTree tree = new TemplateTree(CAPACITY);
        List<LogTemplate> templates = new ArrayList<>(contents.size());
        for (String content : contents) {
            templates.add(tree.add(LogTokenizer.tokenize(content).tokens()).template());
        }

        return templates;
    }

    /** The id of each line's template: the labels that grouping accuracy compares. */
    public static List<String> groupIds(List<String> contents) {
        return group(contents).stream().map(LogTemplate::id).toList();
    }
}
