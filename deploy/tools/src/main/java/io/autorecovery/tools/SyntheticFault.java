package io.autorecovery.tools;

import io.autorecovery.contracts.FaultClass;
import java.util.List;

/**
 * One synthetic production fault: the error record a service would log, and the ordinary lines it
 * logged just before.
 */
public record SyntheticFault(
        String service,
        FaultClass faultClass,
        String logger,
        String message,
        String stackTrace,
        List<String> breadcrumbs) {}
