package org.rightsgraph.neo4jlauncher;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.neo4j.cli.ExecutionContext;
import org.neo4j.commandline.admin.security.SetInitialPasswordCommand;
import org.neo4j.configuration.Config;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.ConnectorPortRegister;
import org.neo4j.configuration.connectors.ConnectorType;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.neo4j.driver.Logging;
import org.neo4j.driver.Session;
import org.neo4j.driver.exceptions.AuthenticationException;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.internal.helpers.HostnamePort;
import org.neo4j.io.fs.DefaultFileSystemAbstraction;
import org.neo4j.io.layout.Neo4jLayout;
import org.neo4j.kernel.internal.GraphDatabaseAPI;
import org.neo4j.kernel.internal.Version;
import org.neo4j.server.CommunityBootstrapper;
import picocli.CommandLine;

/**
 * Runs a Neo4j Community server (Bolt and HTTP) for local development and tests.
 *
 * <p>This is the same bootstrapper that the Neo4j distribution's {@code neo4j console} runs, started
 * from a classpath assembled by Maven instead of from an unpacked tarball. It is driven by
 * {@code scripts/neo4j}, which writes {@code <home>/conf/neo4j.conf} before starting it.
 *
 * <p>Usage: {@code java ... org.rightsgraph.neo4jlauncher.Launcher <home>}
 *
 * <ul>
 *   <li>The password of the {@code neo4j} user comes from the environment variable
 *       {@code NEO4J_PASSWORD} (default {@code rightsgraph}); it is never passed on the command line.
 *   <li>Before the first start the password is stored the way {@code neo4j-admin dbms
 *       set-initial-password} does it. On later starts, if that password no longer opens a Bolt
 *       session, the user's password is changed to match the environment.
 *   <li>Once the default database is online and an authenticated Bolt query through the real
 *       connector succeeded, the file {@code <home>/ready} is written (atomically). It is removed
 *       on shutdown.
 *   <li>SIGTERM or SIGINT shut the database management service down cleanly (the bootstrapper's
 *       signal handlers and shutdown hook).
 * </ul>
 */
public final class Launcher {
    static final String USER = "neo4j";
    static final String DEFAULT_PASSWORD = "rightsgraph";
    static final String READY_FILE = "ready";

    /** Exit codes, on top of the bootstrapper's own (1 to 4). */
    static final int EXIT_USAGE = 64;

    static final int EXIT_NOT_AVAILABLE = 70;

    private Launcher() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: Launcher <neo4j-home>");
            System.exit(EXIT_USAGE);
        }
        Path home = Path.of(args[0]).toAbsolutePath().normalize();
        Path confDir = home.resolve("conf");
        Path confFile = confDir.resolve(Config.DEFAULT_CONFIG_FILE_NAME);
        Path ready = home.resolve(READY_FILE);
        Files.deleteIfExists(ready);

        if (!Files.isRegularFile(confFile)) {
            fail(EXIT_USAGE, "configuration file not found: " + confFile);
        }
        String password = passwordFromEnvironment();

        Config config = Config.newBuilder()
                .setDefaults(GraphDatabaseSettings.SERVER_DEFAULTS)
                .fromFile(confFile)
                .set(GraphDatabaseSettings.neo4j_home, home)
                .build();
        int minLength = config.get(GraphDatabaseSettings.auth_minimum_password_length);
        if (password.codePoints().count() < minLength) {
            fail(EXIT_USAGE, "NEO4J_PASSWORD must be at least " + minLength + " characters long");
        }

        Path systemDatabase = Neo4jLayout.of(config)
                .databaseLayout(GraphDatabaseSettings.SYSTEM_DATABASE_NAME)
                .databaseDirectory();
        boolean firstStart = !Files.exists(systemDatabase);
        if (firstStart) {
            setInitialPassword(home, confDir, password);
        }

        log("starting Neo4j " + Version.getNeo4jVersion() + " Community in " + home);
        CommunityBootstrapper bootstrapper = new CommunityBootstrapper();
        // daemonMode=true: no console appenders; stdout and stderr go to logs/neo4j.log from here on.
        int status = bootstrapper.start(home, confFile, Map.of(), false, true);
        if (status != 0) {
            // The reason is in logs/neo4j.log and logs/debug.log.
            System.exit(status);
        }

        DatabaseManagementService dbms = bootstrapper.getDatabaseManagementService();
        String defaultName = config.get(GraphDatabaseSettings.initial_default_database);
        GraphDatabaseService db = dbms.database(defaultName);
        Duration availability = Duration.ofSeconds(Long.getLong("rightsgraph.neo4j.availableTimeoutSeconds", 300));
        if (!db.isAvailable(availability.toMillis())) {
            log("database '" + defaultName + "' did not become available within " + availability);
            System.exit(EXIT_NOT_AVAILABLE);
        }

        ConnectorPortRegister ports =
                ((GraphDatabaseAPI) db).getDependencyResolver().resolveDependency(ConnectorPortRegister.class);
        HostnamePort bolt = boundAddress(ports, ConnectorType.BOLT, config.get(BoltConnector.enabled));
        HostnamePort http = boundAddress(ports, ConnectorType.HTTP, config.get(HttpConnector.enabled));
        if (bolt == null) {
            log("the Bolt connector is not enabled; refusing to report the server as ready");
            System.exit(EXIT_NOT_AVAILABLE);
        }
        String boltUri = "bolt://" + bolt.getHost() + ":" + bolt.getPort();
        try {
            try {
                checkBolt(boltUri, password);
            } catch (AuthenticationException e) {
                // The instance was created with another password: follow the environment.
                changePassword(dbms, password);
                checkBolt(boltUri, password);
            }
        } catch (RuntimeException e) {
            log("authenticated Bolt check against " + boltUri + " failed: " + e);
            System.exit(EXIT_NOT_AVAILABLE);
        }

        Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteQuietly(ready), "rightsgraph-ready-file"));
        StringBuilder info = new StringBuilder();
        info.append("pid=").append(ProcessHandle.current().pid()).append('\n');
        info.append("neo4j=").append(Version.getNeo4jVersion()).append('\n');
        info.append("bolt=").append(boltUri).append('\n');
        info.append("bolt_port=").append(bolt.getPort()).append('\n');
        if (http != null) {
            info.append("http=http://").append(http.getHost()).append(':').append(http.getPort()).append('\n');
            info.append("http_port=").append(http.getPort()).append('\n');
        }
        info.append("database=").append(defaultName).append('\n');
        info.append("started=").append(Instant.now()).append('\n');
        writeAtomically(ready, info.toString());
        log("ready: " + boltUri + (http == null ? "" : " http://" + http.getHost() + ":" + http.getPort()));

        // The bootstrapper's signal handlers call System.exit, which runs the shutdown hooks.
        new CountDownLatch(1).await();
    }

    static String passwordFromEnvironment() {
        String password = System.getenv("NEO4J_PASSWORD");
        return password == null || password.isEmpty() ? DEFAULT_PASSWORD : password;
    }

    /** Same effect as {@code neo4j-admin dbms set-initial-password}: read once, when the system database is created. */
    static void setInitialPassword(Path home, Path confDir, String password) {
        PrintStream quiet = new PrintStream(PrintStream.nullOutputStream());
        var context = new ExecutionContext(home, confDir, quiet, System.err, new DefaultFileSystemAbstraction());
        int rc = new CommandLine(new SetInitialPasswordCommand(context)).execute(password);
        if (rc != 0) {
            fail(EXIT_USAGE, "could not set the initial password (exit code " + rc + ")");
        }
    }

    /** Sets the password of the initial user to NEO4J_PASSWORD, so that an instance follows its environment. */
    static void changePassword(DatabaseManagementService dbms, String password) {
        GraphDatabaseService system = dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME);
        system.executeTransactionally(
                "ALTER USER " + USER + " SET PASSWORD $password CHANGE NOT REQUIRED", Map.of("password", password));
        log("the password of user '" + USER + "' was changed to match NEO4J_PASSWORD");
    }

    static HostnamePort boundAddress(ConnectorPortRegister ports, ConnectorType type, boolean enabled) {
        if (!enabled) {
            return null;
        }
        // Connectors register their address when they bind, which happens while the DBMS starts.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        HostnamePort address = ports.getLocalAddress(type);
        while (address == null && System.nanoTime() < deadline) {
            sleep(100);
            address = ports.getLocalAddress(type);
        }
        return address;
    }

    /** A real client round trip through the Bolt connector, with authentication. */
    static void checkBolt(String uri, String password) {
        var driverConfig = org.neo4j.driver.Config.builder()
                .withLogging(Logging.none())
                .withConnectionTimeout(10, TimeUnit.SECONDS)
                .withoutEncryption()
                .build();
        try (Driver driver = GraphDatabase.driver(uri, AuthTokens.basic(USER, password), driverConfig);
                Session session = driver.session()) {
            long one = session.run("RETURN 1 AS one").single().get("one").asLong();
            if (one != 1) {
                throw new IllegalStateException("unexpected answer " + one);
            }
        }
    }

    static void writeAtomically(Path target, String content) throws IOException {
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        Files.writeString(tmp, content, StandardCharsets.UTF_8);
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException ignored) {
            // Nothing useful to do while the JVM is going down.
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void log(String message) {
        System.out.println(Instant.now() + " [rightsgraph-launcher] " + message);
        System.out.flush();
    }

    static void fail(int code, String message) {
        System.err.println("rightsgraph-launcher: " + message);
        System.exit(code);
    }
}
