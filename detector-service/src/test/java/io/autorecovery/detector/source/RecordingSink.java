package io.autorecovery.detector.source;

import io.autorecovery.detector.DetectorUnavailableException;
import java.util.ArrayList;
import java.util.List;

/** A sink that keeps what it was given, and can be told to fail like a detector without Redis. */
final class RecordingSink implements LineSink {

    record Delivery(String service, List<String> lines) {}

    private final List<Delivery> deliveries = new ArrayList<>();
    private int failuresLeft;
    private String failingService;

    @Override
    public synchronized void accept(String defaultService, List<String> lines) {
        boolean fails = failuresLeft > 0 && (failingService == null || failingService.equals(defaultService));
        if (fails) {
            failuresLeft--;
            throw new DetectorUnavailableException("Redis could not record an occurrence: stand-in", null);
        }
        deliveries.add(new Delivery(defaultService, List.copyOf(lines)));
    }

    /** The next {@code times} deliveries for {@code service} (any, when null) fail. */
    synchronized void failFor(String service, int times) {
        failingService = service;
        failuresLeft = times;
    }

    synchronized List<Delivery> deliveries() {
        return List.copyOf(deliveries);
    }

    synchronized List<Delivery> takeDeliveries() {
        List<Delivery> taken = List.copyOf(deliveries);
        deliveries.clear();
        return taken;
    }
}
