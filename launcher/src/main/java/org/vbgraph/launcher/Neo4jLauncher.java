package org.vbgraph.launcher;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;

/**
 * Neo4j Community, embedded, answering Bolt on 127.0.0.1 with authentication on.
 *
 * <p>Usage: {@code Neo4jLauncher HOME PORT}. The password of the {@code neo4j} user is read from
 * the environment variable {@code VBGRAPH_NEO4J_PASSWORD}, so that it never shows in a process
 * list. Prints {@code READY <port>} once Bolt answers; stops cleanly on SIGTERM.
 */
public final class Neo4jLauncher {
    private Neo4jLauncher() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: Neo4jLauncher HOME PORT");
            System.exit(2);
        }
        Path home = Path.of(args[0]).toAbsolutePath();
        int port = Integer.parseInt(args[1]);
        String password = System.getenv("VBGRAPH_NEO4J_PASSWORD");
        if (password == null || password.length() < 8) {
            System.err.println("VBGRAPH_NEO4J_PASSWORD must hold a password of 8 characters or more");
            System.exit(2);
        }
        Files.createDirectories(home);
        DatabaseManagementService service = new DatabaseManagementServiceBuilder(home)
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
                .setConfig(HttpConnector.enabled, false)
                .setConfig(GraphDatabaseSettings.auth_enabled, true)
                .setConfig(GraphDatabaseSettings.pagecache_memory, 256L * 1024 * 1024)
                .build();
        Runtime.getRuntime().addShutdownHook(new Thread(service::shutdown, "neo4j-shutdown"));
        setPassword(service, password);
        System.out.println("READY " + port);
        System.out.flush();
        Thread.currentThread().join();
    }

    /** The password is set on every start, so the one vbgraph keeps is always the right one. */
    private static void setPassword(DatabaseManagementService service, String password) {
        try {
            service.database("system").executeTransactionally(
                    "ALTER USER neo4j SET PASSWORD $password CHANGE NOT REQUIRED",
                    Map.of("password", password));
        } catch (RuntimeException e) {
            // Setting the password it already has is refused; anything else is a real failure.
            if (!String.valueOf(e.getMessage()).contains("same")) {
                throw e;
            }
        }
    }
}
