import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.MongoVersion;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * Starts mongo-java-server on a loopback port and prints "LISTENING <port>".
 * It reports MongoDB 4.4 (wire version 9): the MongoDB Node driver behind mongoose refuses
 * servers below that. It exits when its standard input closes, so it never outlives its parent.
 *
 * In memory it serves the secondary indexes the models declare (IndexedMemoryBackend); the h2
 * backend, used only for a demo kept on disk, scans as mongo-java-server does.
 *
 * Usage: LocalMongo memory|h2 [h2-file] [port]
 */
public final class LocalMongo {
  private static final MongoVersion MONGO_4_4 = new MongoVersion() {
    @Override public List<Integer> getVersionArray() { return List.of(4, 4, 0); }
    @Override public int getWireVersion() { return 9; }
  };

  public static void main(String[] args) throws Exception {
    String kind = args.length > 0 ? args[0] : "memory";
    String file = args.length > 1 ? args[1] : "";
    int port = args.length > 2 ? Integer.parseInt(args[2]) : 0;
    MongoBackend backend = "h2".equals(kind) ? new H2Backend(file) : new IndexedMemoryBackend();
    backend.version(MONGO_4_4);
    MongoServer server = new MongoServer(backend);
    server.bind(new InetSocketAddress("127.0.0.1", port));
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.shutdownNow();
      backend.close();
    }));
    System.out.println("LISTENING " + server.getLocalAddress().getPort());
    System.out.flush();
    while (System.in.read() != -1) {
      // Drain until the parent closes our stdin (or dies).
    }
    System.exit(0);
  }
}
