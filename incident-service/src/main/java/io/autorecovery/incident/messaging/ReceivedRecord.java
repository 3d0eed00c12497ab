package io.autorecovery.incident.messaging;

import io.autorecovery.contracts.Topics;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordBatchMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * One record of a consumed batch of faults: its text, and where it came from when the batch came
 * from Kafka (partition -1 otherwise), so that a dead letter can say which record it was.
 */
record ReceivedRecord(String payload, String topic, String key, int partition, long offset) {

    @SuppressWarnings("unchecked")
    static List<ReceivedRecord> of(Message<List<String>> batch) {
        Optional<IncomingKafkaRecordBatchMetadata<String, String>> kafka =
                batch.getMetadata(IncomingKafkaRecordBatchMetadata.class).map(metadata -> metadata);
        List<ReceivedRecord> records = new ArrayList<>();
        if (kafka.isPresent()) {
            for (ConsumerRecord<String, String> record : kafka.get().getRecords()) {
                records.add(new ReceivedRecord(
                        record.value(), record.topic(), record.key(), record.partition(), record.offset()));
            }
            return records;
        }
        for (String payload : batch.getPayload()) {
            records.add(new ReceivedRecord(payload, Topics.FAULTS_DETECTED, null, -1, -1));
        }
        return records;
    }

    String origin() {
        return partition < 0 ? "an in-process record" : "partition " + partition + " offset " + offset;
    }
}
