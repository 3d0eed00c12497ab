package io.autorecovery.detector.stack;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Decides which stack frames say where a bug is. Application frames are kept; frames of the
 * runtime and of frameworks, generated proxies and accessors, and lambdas are dropped, each with
 * the reason, because they change from build to build or say nothing about the application.
 */
final class FrameFilter {

    /** Package prefixes of the Java platform and of common frameworks and libraries. */
    static final List<String> FRAMEWORK_PACKAGES = List.of(
            "java.",
            "javax.",
            "jakarta.",
            "sun.",
            "com.sun.",
            "jdk.",
            "kotlin.",
            "kotlinx.",
            "scala.",
            "org.springframework.",
            "io.quarkus.",
            "io.vertx.",
            "io.netty.",
            "org.hibernate.",
            "org.jboss.",
            "io.smallrye.",
            "org.apache.",
            "com.fasterxml.",
            "org.postgresql.",
            "com.zaxxer.",
            "io.micrometer.",
            "org.eclipse.",
            "reactor.",
            "io.reactivex.",
            "org.junit.",
            "com.google.",
            "org.slf4j.",
            "ch.qos.",
            "okhttp3.",
            "feign.",
            "io.grpc.",
            "org.glassfish.",
            "org.aspectj.",
            "net.bytebuddy.",
            "org.mockito.",
            "com.mysql.",
            "org.mariadb.",
            "org.h2.",
            "software.amazon.",
            "com.amazonaws.",
            "io.opentelemetry.",
            "io.github.resilience4j.",
            "org.jetbrains.",
            "groovy.",
            "org.codehaus.",
            "io.undertow.",
            "org.xnio.");

    private static final Pattern GENERATED_CLASS = Pattern.compile(
            ".*(\\$Proxy\\d*|\\$\\$EnhancerBy|\\$\\$SpringCGLIB\\$\\$|\\$\\$FastClassBy|_Subclass|_ClientProxy"
                    + "|\\$\\$_Weld|\\$HibernateProxy\\$|\\$ByteBuddy\\$|GeneratedMethodAccessor"
                    + "|GeneratedConstructorAccessor|GeneratedSerializationConstructorAccessor).*");
    private static final Pattern LAMBDA_METHOD = Pattern.compile("lambda\\$.*");
    private static final Pattern ACCESSOR_METHOD = Pattern.compile("access\\$\\d+");
    private static final List<String> PYTHON_LIBRARY_PATHS =
            List.of("site-packages/", "dist-packages/", "/lib/python", "<frozen ", "/usr/lib/");

    private FrameFilter() {}

    /** Why a Java frame is dropped, or empty when it is an application frame. */
    static Optional<String> dropReasonOfJava(String type, String method) {
        if (type.contains("$$Lambda") || LAMBDA_METHOD.matcher(method).matches()) {
            return Optional.of("lambda frame: its name changes from build to build");
        }
        if (GENERATED_CLASS.matcher(type).matches()
                || type.startsWith("jdk.internal.reflect.")
                || type.startsWith("jdk.proxy")
                || type.startsWith("com.sun.proxy.")
                || ACCESSOR_METHOD.matcher(method).matches()) {
            return Optional.of("generated frame: proxy, subclass or accessor");
        }
        for (String prefix : FRAMEWORK_PACKAGES) {
            if (type.startsWith(prefix)) {
                return Optional.of("framework frame (" + prefix + "*)");
            }
        }
        return Optional.empty();
    }

    /** Why a Python frame is dropped, or empty when it is an application frame. */
    static Optional<String> dropReasonOfPython(String path, String function) {
        if (function.equals("<lambda>")) {
            return Optional.of("lambda frame: its name changes from build to build");
        }
        for (String library : PYTHON_LIBRARY_PATHS) {
            if (path.contains(library)) {
                return Optional.of("library frame (" + library.strip() + ")");
            }
        }
        return Optional.empty();
    }
}
