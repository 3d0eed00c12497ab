package io.autorecovery.rag.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.autorecovery.contracts.FaultClass;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading runbooks: front matter, recipe and sections, and clear refusals of malformed ones. */
class RunbookMarkdownTest {

    private static final String RUNBOOK = """
            ---
            id: slow-disk
            title: Slow disk
            fault-classes: [disk-full, db-timeout]
            recipe:
              file: config/application.properties
              setting: logging.file.max-history-days
              from: 30
              to: 7
              summary: Keep fewer logs
            ---
            # Slow disk

            ## Root cause
            The volume is nearly full.

            ## Remediation
            Rotate logs.
            """;

    @Test
    void aRunbookIsReadWithItsFrontMatterRecipeAndSections() {
        RunbookMarkdown.Parsed parsed = RunbookMarkdown.parse(RUNBOOK);

        assertThat(parsed)
                .isEqualTo(new RunbookMarkdown.Parsed(
                        "slow-disk",
                        "Slow disk",
                        List.of(FaultClass.DISK_FULL, FaultClass.DB_TIMEOUT),
                        new Recipe(
                                "config/application.properties",
                                "logging.file.max-history-days",
                                "30",
                                "7",
                                "Keep fewer logs"),
                        "The volume is nearly full.",
                        "Rotate logs.",
                        RUNBOOK));
    }

    @Test
    void everyShippedRunbookIsValid() {
        List<KnowledgeDocument> runbooks = ShippedRunbooks.read();

        assertThat(runbooks).hasSize(15);
        assertThat(runbooks.stream().flatMap(runbook -> runbook.faultClasses().stream()))
                .containsAll(List.of(FaultClass.values()));
    }

    @Test
    void malformedRunbooksAreRefusedWithAReason() {
        assertRefused("# no front matter", "a runbook must start with a front matter line '---'");
        assertRefused("---\ntitle: x\n", "the runbook's front matter has no closing '---' line");
        assertRefused("---\ntitle: x\nowner: me\n---\n", "unknown front matter key 'owner' on line 3; known:");
        assertRefused("---\ntitle: x\n---\n", "the runbook's front matter needs 'fault-classes'");
        assertRefused("---\ntitle: x\nfault-classes: [gremlins]\n---\n", "unknown fault class 'gremlins'");
        assertRefused(
                "---\ntitle: x\nfault-classes: [deadlock]\n---\n## Remediation\nRetry.\n",
                "the runbook needs a '## Root cause' section");
        assertRefused(
                "---\ntitle: x\nfault-classes: [deadlock]\nrecipe:\n  file: /etc/passwd\n  setting: a\n"
                        + "  to: b\n  summary: c\n---\n",
                "a recipe's file must be a relative path inside the service");
    }

    private static void assertRefused(String markdown, String reason) {
        assertThatThrownBy(() -> RunbookMarkdown.parse(markdown))
                .isInstanceOf(InvalidDocumentException.class)
                .hasMessageStartingWith(reason);
    }
}
