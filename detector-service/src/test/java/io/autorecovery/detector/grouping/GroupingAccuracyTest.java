package io.autorecovery.detector.grouping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class GroupingAccuracyTest {

    @Test
    void shouldCountOnlyLinesWhoseGroupEqualsTheirEventExactly() {
        // Event A (lines 0-2) is found exactly; B (3, 4) and C (5) are merged into one group, so
        // all three of their lines are wrong; D (6, 7) is split, so both are wrong.
        List<String> truth = List.of("A", "A", "A", "B", "B", "C", "D", "D");
        List<String> predicted = List.of("g1", "g1", "g1", "g2", "g2", "g2", "g3", "g4");

        assertThat(GroupingAccuracy.of(truth, predicted)).isEqualTo(3.0 / 8);
    }

    @Test
    void shouldBeOneForAPerfectGroupingUnderOtherNames() {
        assertThat(GroupingAccuracy.of(List.of("x", "y", "x"), List.of("1", "2", "1")))
                .isEqualTo(1.0);
    }

    @Test
    void shouldMeasureTheMinerOnASmallLabelledSet() {
        List<LabelledLine> lines = List.of(
                new LabelledLine("1", "Connection from 10.0.0.1 closed after 30 s", "E1"),
                new LabelledLine("2", "Connection from 10.0.0.7 closed after 2 s", "E1"),
                new LabelledLine("3", "Disk /dev/sda1 at 91% capacity", "E2"),
                new LabelledLine("4", "Disk /dev/sdb2 at 97% capacity", "E2"),
                new LabelledLine("5", "Session opened for user root", "E3"),
                new LabelledLine("6", "Session closed for user root", "E4"),
                // A user name is a plain word: the miner splits E5 by value, and both lines count as wrong.
                new LabelledLine("7", "Login failed for alice", "E5"),
                new LabelledLine("8", "Login failed for bob", "E5"));
        List<String> groups =
                LineGrouper.groupIds(lines.stream().map(LabelledLine::content).toList());

        double ga =
                GroupingAccuracy.of(lines.stream().map(LabelledLine::eventId).toList(), groups);

        assertThat(ga).isEqualTo(6.0 / 8);
    }

    @Test
    void shouldRefuseLabelListsOfDifferentLengths() {
        assertThatThrownBy(() -> GroupingAccuracy.of(List.of("a"), List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("labels differ in number: 1 true, 0 predicted");
    }
}
