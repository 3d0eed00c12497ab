package io.autorecovery.detector.stack;

import static org.assertj.core.api.Assertions.assertThat;

import io.autorecovery.detector.stack.StackSignature.DroppedFrame;
import java.util.List;
import org.junit.jupiter.api.Test;

class StackTraceReaderTest {

    /** A Spring service failing in its repository, as one build prints it. */
    private static final String SPRING_BUILD_1 = """
            org.springframework.dao.QueryTimeoutException: could not execute statement
            \tat org.springframework.orm.jpa.vendor.HibernateJpaDialect.convert(HibernateJpaDialect.java:281)
            \tat com.example.orders.OrderRepository$$SpringCGLIB$$0.save(<generated>)
            \tat jdk.internal.reflect.GeneratedMethodAccessor42.invoke(Unknown Source)
            \tat java.base/java.lang.reflect.Method.invoke(Method.java:568)
            \tat com.example.orders.OrderService.lambda$place$0(OrderService.java:57)
            \tat com.example.orders.OrderService$$Lambda$1411/0x0000000801a3c000.get(Unknown Source)
            \tat com.example.orders.OrderService.place(OrderService.java:61)
            \tat com.example.orders.OrderService$$EnhancerBySpringCGLIB$$a1b2c3.place(<generated>)
            \tat com.example.orders.OrderController.create(OrderController.java:33)
            \tat com.example.orders.OrderController.access$000(OrderController.java:12)
            \tat org.springframework.web.servlet.FrameworkServlet.service(FrameworkServlet.java:883)
            Caused by: java.sql.SQLTimeoutException: Query timed out after 30000 ms
            \tat org.postgresql.jdbc.PgStatement.execute(PgStatement.java:380)
            \tat com.example.orders.OrderRepository.insert(OrderRepository.java:88)
            \t... 9 more
            """;

    /** The same bug in the next build: other line numbers, lambda indices and proxy classes. */
    private static final String SPRING_BUILD_2 = """
            org.springframework.dao.QueryTimeoutException: could not execute statement [select 7]
            \tat org.springframework.orm.jpa.vendor.HibernateJpaDialect.convert(HibernateJpaDialect.java:290)
            \tat com.example.orders.OrderRepository$$SpringCGLIB$$1.save(<generated>)
            \tat jdk.internal.reflect.DirectMethodHandleAccessor.invoke(DirectMethodHandleAccessor.java:103)
            \tat jdk.proxy3/jdk.proxy3.$Proxy187.save(Unknown Source)
            \tat com.example.orders.OrderService.lambda$place$3(OrderService.java:59)
            \tat com.example.orders.OrderService$$Lambda/0x00007f3c8c4a2b10.get(Unknown Source)
            \tat com.example.orders.OrderService.place(OrderService.java:64)
            \tat com.example.orders.OrderService_Subclass.place(OrderService_Subclass.zig:-1)
            \tat com.example.orders.OrderService$$_WeldClientProxy.place(Unknown Source)
            \tat com.example.orders.OrderController.create(OrderController.java:35)
            \tat org.springframework.web.servlet.FrameworkServlet.service(FrameworkServlet.java:883)
            Caused by: java.sql.SQLTimeoutException: Query timed out after 5000 ms
            \tat org.postgresql.jdbc.PgStatement.execute(PgStatement.java:391)
            \tat com.example.orders.OrderRepository.insert(OrderRepository.java:90)
            \t... 10 more
            """;

    @Test
    void shouldKeepApplicationFramesAndCausesAndSayWhyEachOtherFrameWasDropped() {
        StackSignature signature = StackTraceReader.read(SPRING_BUILD_1).orElseThrow();

        assertThat(signature.language()).isEqualTo("java");
        assertThat(signature.exceptionType()).isEqualTo("org.springframework.dao.QueryTimeoutException");
        assertThat(signature.causes()).containsExactly("java.sql.SQLTimeoutException");
        assertThat(signature.frames())
                .containsExactly(
                        "com.example.orders.OrderService.place",
                        "com.example.orders.OrderController.create",
                        "caused by java.sql.SQLTimeoutException",
                        "com.example.orders.OrderRepository.insert");
        assertThat(signature.dropped())
                .containsExactly(
                        new DroppedFrame(
                                "org.springframework.orm.jpa.vendor.HibernateJpaDialect.convert",
                                "framework frame (org.springframework.*)"),
                        new DroppedFrame(
                                "com.example.orders.OrderRepository$$SpringCGLIB$$0.save",
                                "generated frame: proxy, subclass or accessor"),
                        new DroppedFrame(
                                "jdk.internal.reflect.GeneratedMethodAccessor42.invoke",
                                "generated frame: proxy, subclass or accessor"),
                        new DroppedFrame("java.lang.reflect.Method.invoke", "framework frame (java.*)"),
                        new DroppedFrame(
                                "com.example.orders.OrderService.lambda$place$0",
                                "lambda frame: its name changes from build to build"),
                        new DroppedFrame(
                                "com.example.orders.OrderService$$Lambda$1411/0x0000000801a3c000.get",
                                "lambda frame: its name changes from build to build"),
                        new DroppedFrame(
                                "com.example.orders.OrderService$$EnhancerBySpringCGLIB$$a1b2c3.place",
                                "generated frame: proxy, subclass or accessor"),
                        new DroppedFrame(
                                "com.example.orders.OrderController.access$000",
                                "generated frame: proxy, subclass or accessor"),
                        new DroppedFrame(
                                "org.springframework.web.servlet.FrameworkServlet.service",
                                "framework frame (org.springframework.*)"),
                        new DroppedFrame(
                                "org.postgresql.jdbc.PgStatement.execute", "framework frame (org.postgresql.*)"));
        assertThat(signature.droppedCount()).isEqualTo(10);
    }

    @Test
    void shouldGiveTheSameBugInTheNextBuildTheSameSignature() {
        assertThat(StackTraceReader.read(SPRING_BUILD_2).orElseThrow().digest())
                .isEqualTo(StackTraceReader.read(SPRING_BUILD_1).orElseThrow().digest());
    }

    @Test
    void shouldGiveADifferentBugWithTheSameExceptionTypeAnotherSignature() {
        String otherFrames = SPRING_BUILD_1.replace("OrderController.create", "RefundController.refund");
        String otherCause = SPRING_BUILD_1.replace(
                "java.sql.SQLTimeoutException: Query timed out after 30000 ms",
                "java.sql.SQLTransientConnectionException: Connection is not available");
        String digest = StackTraceReader.read(SPRING_BUILD_1).orElseThrow().digest();

        assertThat(StackTraceReader.read(otherFrames).orElseThrow().digest()).isNotEqualTo(digest);
        assertThat(StackTraceReader.read(otherCause).orElseThrow().digest()).isNotEqualTo(digest);
    }

    @Test
    void shouldCollapseRecursionSoThatItsDepthDoesNotChangeTheSignature() {
        String shallow = recursive(3);
        String deep = recursive(200);

        StackSignature signature = StackTraceReader.read(deep).orElseThrow();
        assertThat(signature.frames())
                .containsExactly(
                        "com.example.tree.Node.visit",
                        "com.example.tree.Node.children",
                        "com.example.tree.Walker.walk");
        assertThat(signature.digest())
                .isEqualTo(StackTraceReader.read(shallow).orElseThrow().digest());
    }

    @Test
    void shouldReadAPythonTracebackWithItsChainedException() {
        String build1 = """
                Traceback (most recent call last):
                  File "/srv/releases/41/orders/service.py", line 12, in place
                    stock = inventory[sku]
                KeyError: 'sku-1'

                During handling of the above exception, another exception occurred:

                Traceback (most recent call last):
                  File "/usr/local/lib/python3.12/site-packages/flask/app.py", line 880, in full_dispatch_request
                    rv = self.dispatch_request()
                  File "/srv/releases/41/orders/views.py", line 88, in create
                    order = place(cart)
                  File "/srv/releases/41/orders/views.py", line 20, in <lambda>
                    key=lambda item: item.sku)
                  File "/srv/releases/41/orders/service.py", line 14, in place
                    raise OrderFailed(sku)
                orders.errors.OrderFailed: sku-1
                """;
        String build2 = build1.replace("releases/41", "releases/42").replace("line 88", "line 91");

        StackSignature signature = StackTraceReader.read(build1).orElseThrow();
        assertThat(signature)
                .isEqualTo(new StackSignature(
                        "python",
                        "orders.errors.OrderFailed",
                        List.of("KeyError"),
                        List.of(
                                "orders/views.py:create",
                                "orders/service.py:place",
                                "caused by KeyError",
                                "orders/service.py:place"),
                        List.of(
                                new DroppedFrame(
                                        "flask/app.py:full_dispatch_request", "library frame (site-packages/)"),
                                new DroppedFrame(
                                        "orders/views.py:<lambda>",
                                        "lambda frame: its name changes from build to build")),
                        2));
        assertThat(StackTraceReader.read(build2).orElseThrow().digest()).isEqualTo(signature.digest());
    }

    @Test
    void shouldKeepAFewFrameworkFramesWhenATraceHasNoApplicationFrame() {
        StackSignature signature = StackTraceReader.read("""
                java.lang.OutOfMemoryError: Java heap space
                \tat java.util.Arrays.copyOf(Arrays.java:3537)
                \tat java.lang.AbstractStringBuilder.ensureCapacityInternal(AbstractStringBuilder.java:228)
                \tat java.lang.StringBuilder.append(StringBuilder.java:179)
                \tat io.vertx.core.buffer.impl.BufferImpl.appendString(BufferImpl.java:40)
                """).orElseThrow();

        assertThat(signature.frames())
                .containsExactly(
                        "java.util.Arrays.copyOf",
                        "java.lang.AbstractStringBuilder.ensureCapacityInternal",
                        "java.lang.StringBuilder.append");
        assertThat(signature.droppedCount()).isEqualTo(4);
        assertThat(signature.dropped()).hasSize(1);
    }

    @Test
    void shouldFindNoSignatureInTextThatNamesNoException() {
        assertThat(StackTraceReader.read("   \n")).isEmpty();
        assertThat(StackTraceReader.read("\tat a.B.c(B.java:1)")).isEmpty();
    }

    private static String recursive(int depth) {
        StringBuilder trace = new StringBuilder("java.lang.StackOverflowError\n");
        for (int i = 0; i < depth; i++) {
            trace.append("\tat com.example.tree.Node.visit(Node.java:")
                    .append(20 + i % 2)
                    .append(")\n");
            trace.append("\tat com.example.tree.Node.children(Node.java:31)\n");
        }
        return trace.append("\tat com.example.tree.Walker.walk(Walker.java:9)\n")
                .toString();
    }
}
