package newsidx.opensearch;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.opensearch.analysis.common.CommonAnalysisPlugin;
import org.opensearch.common.settings.Settings;
import org.opensearch.env.Environment;
import org.opensearch.index.mapper.MapperExtrasPlugin;
import org.opensearch.index.reindex.ReindexPlugin;
import org.opensearch.node.InternalSettingsPreparer;
import org.opensearch.node.Node;
import org.opensearch.painless.PainlessPlugin;
import org.opensearch.plugins.Plugin;
import org.opensearch.transport.Netty4Plugin;

/**
 * Runs exactly one OpenSearch node in this JVM until the process gets SIGTERM/SIGINT.
 *
 * Usage: java ... newsidx.opensearch.NodeMain key=value [key=value ...]
 * Every argument is an OpenSearch node setting (node.name, path.home, http.port, ...).
 *
 * The node is a plain org.opensearch.node.Node with the plugins a distribution would load
 * from its modules/ folder passed as class-path plugins: Netty4 (HTTP and transport),
 * analysis-common (english analyzer, stemmers, ...), Painless, reindex (also the by-query
 * APIs) and mapper-extras. One JVM per node keeps node loss real:
 * ending the process closes its transport and HTTP sockets and the other nodes notice.
 */
public final class NodeMain {

    /** Node's plugin-taking constructor is protected; this subclass opens it. */
    static final class LauncherNode extends Node {
        LauncherNode(Environment env, Collection<Class<? extends Plugin>> plugins) {
            super(env, plugins, true);
        }
    }

    public static void main(String[] args) {
        try {
            run(args);
        } catch (Throwable t) {
            // Node threads are not daemons: without halt() a half-built node could keep the JVM alive.
            System.err.println("newsidx-opensearch: node failed: " + t);
            t.printStackTrace();
            Runtime.getRuntime().halt(1);
        }
    }

    private static void run(String[] args) throws Exception {
        Settings.Builder builder = Settings.builder();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (eq <= 0) {
                System.err.println("newsidx-opensearch: argument is not key=value: " + arg);
                System.exit(2);
            }
            builder.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
        Settings settings = builder.build();
        String home = settings.get("path.home");
        if (home == null) {
            System.err.println("newsidx-opensearch: path.home=... is required");
            System.exit(2);
        }
        Files.createDirectories(Path.of(home, "config"));
        // The launcher script waits for this file: it names the JVM itself, whatever wrapper started it.
        String pidFile = System.getProperty("newsidx.pidfile");
        if (pidFile != null) {
            Path tmp = Path.of(pidFile + ".tmp");
            Files.writeString(tmp, ProcessHandle.current().pid() + "\n");
            Files.move(tmp, Path.of(pidFile), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        }
        String nodeName = settings.get("node.name", "node");
        Environment env = InternalSettingsPreparer.prepareEnvironment(settings, Map.of(), null, () -> nodeName);

        List<Class<? extends Plugin>> plugins = List.of(
            Netty4Plugin.class,           // HTTP and node-to-node transport
            CommonAnalysisPlugin.class,   // english analyzer, stemmers, synonym filters, ...
            PainlessPlugin.class,         // Painless scripts (script_score, update scripts)
            ReindexPlugin.class,          // _reindex, _update_by_query, _delete_by_query
            MapperExtrasPlugin.class);    // scaled_float, rank_feature(s), search_as_you_type, token_count
        Node node = new LauncherNode(env, plugins);

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                node.close();
                node.awaitClose(20, TimeUnit.SECONDS);
            } catch (Exception e) {
                e.printStackTrace();
            } finally {
                stopped.countDown();
            }
        }, "newsidx-node-shutdown"));

        node.start();
        System.err.println("newsidx-opensearch: node " + nodeName + " started");
        stopped.await();
    }
}
