package io.autorecovery.tools;

import static org.assertj.core.api.Assertions.assertThat;

import io.autorecovery.contracts.FaultClass;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FaultCatalogueTest {

    @Test
    void theSameSeedDrawsTheSameFaults() {
        assertThat(FaultCatalogue.draw(25, 42)).isEqualTo(FaultCatalogue.draw(25, 42));
    }

    @Test
    void anotherSeedDrawsOtherFaults() {
        assertThat(FaultCatalogue.draw(25, 42)).isNotEqualTo(FaultCatalogue.draw(25, 43));
    }

    @Test
    void aDrawUpToTheCatalogueSizeHoldsEachServiceAndFaultClassOnce() {
        List<SyntheticFault> all = FaultCatalogue.draw(FaultCatalogue.size(), 1);

        Set<String> faults = new HashSet<>();
        all.forEach(fault -> faults.add(fault.service() + "|" + fault.faultClass()));
        assertThat(faults).hasSize(72);
    }

    @Test
    void everyFaultClassAndServiceAppearsInALargeDraw() {
        List<SyntheticFault> all = FaultCatalogue.draw(FaultCatalogue.size(), 9);

        assertThat(all).extracting(SyntheticFault::faultClass).containsAll(FaultCatalogue.CLASSES);
        assertThat(all).extracting(SyntheticFault::service).containsAll(FaultCatalogue.SERVICES);
    }

    @Test
    void eachFaultCarriesBreadcrumbsBeforeItsErrorRecord() {
        SyntheticFault fault = FaultCatalogue.draw(1, 5).get(0);

        assertThat(FaultSender.records(fault))
                .extracting(record -> record.level())
                .containsExactly("INFO", "INFO", "ERROR");
    }

    @Test
    void everyFaultCarriesAJavaStackTraceThroughTheServicesOwnCode() {
        for (SyntheticFault fault : FaultCatalogue.draw(FaultCatalogue.size(), 11)) {
            List<String> lines = List.of(fault.stackTrace().split("\n"));

            assertThat(lines.get(0))
                    .as(fault.faultClass().code())
                    .matches("[a-z][\\w.$]*[A-Z]\\w*(Exception|Error): .+");
            assertThat(lines.subList(1, lines.size()))
                    .as(fault.faultClass().code())
                    .allMatch(line -> line.matches("\t(at [\\w.$/<>]+\\([\\w. ]+(:\\d+)?\\)|\\.\\.\\. \\d+ more)")
                            || line.startsWith("Caused by: "));
            assertThat(fault.stackTrace()).contains("\tat com.shop." + fault.service() + ".");
        }
    }

    @Test
    void aDeadlockShowsTheDatabaseErrorAsTheCauseOfTheFrameworksException() {
        SyntheticFault deadlock = FaultCatalogue.fault("orders", FaultClass.DEADLOCK, 0, new java.util.Random(1));

        assertThat(deadlock.stackTrace())
                .startsWith("org.hibernate.exception.LockAcquisitionException: could not execute statement\n")
                .contains("\nCaused by: com.mysql.cj.jdbc.exceptions.MySQLTransactionRollbackException: Deadlock found")
                .endsWith("\n\t... 6 more");
    }

    @Test
    void aTimeoutTraceNamesTheDriverThatTimedOut() {
        SyntheticFault timeout = FaultCatalogue.fault("checkout", FaultClass.DB_TIMEOUT, 2, new java.util.Random(1));

        assertThat(timeout.stackTrace())
                .isEqualTo(String.join(
                        "\n",
                        "java.sql.SQLTimeoutException: ERROR: canceling statement due to statement timeout",
                        "\tat org.postgresql.core.v3.QueryExecutorImpl.receiveErrorResponse(QueryExecutorImpl.java:2725)",
                        "\tat org.postgresql.core.v3.QueryExecutorImpl.processResults(QueryExecutorImpl.java:2412)",
                        "\tat org.postgresql.jdbc.PgStatement.executeInternal(PgStatement.java:502)",
                        "\tat org.postgresql.jdbc.PgPreparedStatement.executeQuery(PgPreparedStatement.java:134)",
                        "\tat com.shop.checkout.data.InvoicesRepository.findOpen(InvoicesRepository.java:59)",
                        "\tat com.shop.checkout.InvoicesHandler.handle(InvoicesHandler.java:43)",
                        "\tat com.shop.checkout.Router.dispatch(Router.java:88)",
                        "\tat io.vertx.core.impl.ContextImpl.lambda$executeBlocking$1(ContextImpl.java:191)",
                        "\tat io.vertx.core.impl.TaskQueue.run(TaskQueue.java:76)",
                        "\tat java.base/java.lang.Thread.run(Thread.java:840)"));
    }
}
