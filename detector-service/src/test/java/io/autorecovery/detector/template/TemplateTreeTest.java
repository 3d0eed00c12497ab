package io.autorecovery.detector.template;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TemplateTreeTest {

    private static String[] tokens(String message) {
        return LogTokenizer.tokenize(message).tokens();
    }

    @Test
    void shouldMergeLinesThatDifferInAVariableIntoOneTemplate() {
        TemplateTree tree = new TemplateTree(100);

        TemplateTree.Learned first = tree.add(tokens("Invalid user admin from 10.0.0.1 via ssh"));
        TemplateTree.Learned second = tree.add(tokens("Invalid user x_9 from 10.0.0.2 via ssh"));

        assertThat(first.created()).isTrue();
        assertThat(second.created()).isFalse();
        assertThat(second.changed()).isTrue();
        assertThat(second.template()).isSameAs(first.template());
        assertThat(second.template().text()).isEqualTo("Invalid user <*> from <*> via ssh");
        assertThat(second.template().id()).isEqualTo(LogTemplate.idOf(tokens("Invalid user admin from <*> via ssh")));
        assertThat(second.template().matches()).isEqualTo(2);
    }

    @Test
    void shouldKeepLinesThatDifferInAPlainWordApart() {
        TemplateTree tree = new TemplateTree(100);

        LogTemplate started =
                tree.add(tokens("VM 42 Started (Lifecycle Event)")).template();
        LogTemplate stopped =
                tree.add(tokens("VM 43 Stopped (Lifecycle Event)")).template();

        assertThat(stopped).isNotSameAs(started);
        assertThat(started.text()).isEqualTo("VM <*> Started (Lifecycle Event)");
        assertThat(stopped.text()).isEqualTo("VM <*> Stopped (Lifecycle Event)");
    }

    @Test
    void shouldSeparateLinesOfDifferentLengthOrPrefix() {
        TemplateTree tree = new TemplateTree(100);

        LogTemplate a = tree.add(tokens("disk full on volume 3")).template();
        LogTemplate b = tree.add(tokens("disk full on volume 3 again")).template();
        LogTemplate c = tree.add(tokens("cache full on volume 3")).template();

        assertThat(tree.size()).isEqualTo(3);
        assertThat(a).isNotSameAs(b).isNotSameAs(c);
    }

    @Test
    void shouldEvictTheLeastRecentlyMatchedTemplateBeyondItsCapacity() {
        TemplateTree tree = new TemplateTree(2);
        LogTemplate kept = tree.add(tokens("alpha happened")).template();
        LogTemplate evicted = tree.add(tokens("beta happened")).template();
        tree.add(tokens("alpha happened"));

        tree.add(tokens("gamma happened"));

        assertThat(tree.size()).isEqualTo(2);
        assertThat(tree.byId(kept.id())).contains(kept);
        assertThat(tree.byId(evicted.id())).isEmpty();
        assertThat(tree.drainEvicted()).containsExactly(evicted.id());
        assertThat(tree.match(tokens("beta happened"))).isEmpty();
    }

    @Test
    void shouldStayBoundedUnderAFloodOfDistinctMessages() {
        TemplateTree tree = new TemplateTree(500);

        for (int i = 0; i < 20_000; i++) {
            tree.add(tokens("event" + letters(i) + " word" + (i % 7)));
        }

        assertThat(tree.size()).isEqualTo(500);
        assertThat(tree.evictions()).isEqualTo(19_500);
        assertThat(tree.drainEvicted()).hasSize(19_500);
    }

    /** A distinct plain word per number: 0 -> "a", 27 -> "bb". */
    private static String letters(int number) {
        StringBuilder word = new StringBuilder();
        int rest = number;
        do {
            word.append((char) ('a' + rest % 26));
            rest /= 26;
        } while (rest > 0);

        return word.toString();
    }

    @Test
    void shouldRestoreASavedTemplateUnderItsIdAndMatchLinesToIt() {
        TemplateTree before = new TemplateTree(10);
        LogTemplate learned =
                before.add(tokens("Query timed out after 5000 ms")).template();

        TemplateTree after = new TemplateTree(10);
        after.restore(learned.id(), LogTokenizer.splitTemplate(learned.text()));

        assertThat(after.add(tokens("Query timed out after 7000 ms")).template().id())
                .isEqualTo(learned.id());
    }

    @Test
    void shouldGiveALineIdenticalToAnEarlierTemplateThatTemplate() {
        TemplateTree tree = new TemplateTree(10);

        LogTemplate first = tree.add(tokens("<*> <*> <*> ok")).template();
        LogTemplate again = tree.add(tokens("<*> <*> <*> ok")).template();

        assertThat(again).isSameAs(first);
        assertThat(tree.size()).isEqualTo(1);
    }
}
