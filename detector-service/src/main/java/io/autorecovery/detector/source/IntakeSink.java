package io.autorecovery.detector.source;

import io.autorecovery.detector.ingest.LogIntake;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** Hands the sources' lines to the detector's log intake: assembly, parsing and detection. */
@ApplicationScoped
public class IntakeSink implements LineSink {

    private final LogIntake intake;

    IntakeSink(LogIntake intake) {
        this.intake = intake;
    }

    @Override
    public void accept(String defaultService, List<String> lines) {
        intake.acceptLines(defaultService, lines);
    }
}
