package io.autorecovery.e2e;

import io.autorecovery.contracts.FaultClass;
import io.autorecovery.tools.FaultCatalogue;
import io.autorecovery.tools.SyntheticFault;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/** Synthetic faults for a test run, of services named after the run so that nothing else matches. */
final class MeshFaults {

    private MeshFaults() {}

    /**
     * Faults the mesh patches and deploys on its own: credential handling waits for a person by
     * default, so authentication failures are left out.
     */
    static List<SyntheticFault> fresh(int count, String run) {
        return FaultCatalogue.draw(count * 2, ThreadLocalRandom.current().nextLong()).stream()
                .filter(fault -> fault.faultClass() != FaultClass.AUTH_FAILURE)
                .limit(count)
                .map(fault -> new SyntheticFault(
                        fault.service() + "-" + run,
                        fault.faultClass(),
                        fault.logger(),
                        fault.message(),
                        fault.stackTrace(),
                        fault.breadcrumbs()))
                .toList();
    }
}
