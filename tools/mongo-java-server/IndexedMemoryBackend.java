import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.backend.memory.MemoryCollection;
import de.bwaldvogel.mongo.backend.memory.MemoryDatabase;
import de.bwaldvogel.mongo.bson.Document;
import java.util.ArrayList;
import java.util.List;

/**
 * mongo-java-server's memory backend with the secondary indexes it lacks ({@link EqualityIndex})
 * and a planner that picks, for each query, the index that narrows it most: an `_id` lookup
 * whenever the query pins `_id` (even beside other fields, as fenced updates do), else a unique
 * index matching the query exactly, else the equality index handing over the fewest candidates
 * (counted from the index), else a scan. Real MongoDB plans from the same declared indexes.
 */
final class IndexedMemoryBackend extends MemoryBackend {
  @Override
  public MemoryDatabase openOrCreateDatabase(String databaseName) {
    return new IndexedMemoryDatabase(databaseName, getCursorRegistry());
  }

  static final class IndexedMemoryDatabase extends MemoryDatabase {
    IndexedMemoryDatabase(String databaseName, CursorRegistry cursorRegistry) {
      super(databaseName, cursorRegistry);
    }

    @Override
    protected MemoryCollection openOrCreateCollection(
        String collectionName, CollectionOptions options) {
      return new IndexedMemoryCollection(this, collectionName, options, cursorRegistry);
    }

    @Override
    protected Index<Integer> openOrCreateSecondaryIndex(
        String collectionName, String indexName, List<IndexKey> keys, boolean sparse) {
      return new EqualityIndex(indexName, keys, sparse);
    }
  }

  static final class IndexedMemoryCollection extends MemoryCollection {
    private final List<Index<Integer>> indexes = new ArrayList<>();

    IndexedMemoryCollection(
        MongoDatabase database,
        String collectionName,
        CollectionOptions options,
        CursorRegistry cursorRegistry) {
      super(database, collectionName, options, cursorRegistry);
    }

    @Override
    public synchronized void addIndex(Index<Integer> index) {
      super.addIndex(index);
      if (indexes.stream().noneMatch(known -> known.getName().equals(index.getName()))) {
        indexes.add(index);
      }
    }

    @Override
    public synchronized void dropIndex(String indexName) {
      super.dropIndex(indexName);
      indexes.removeIf(index -> index.getName().equals(indexName));
    }

    private static boolean isIdIndex(Index<Integer> index) {
      return index.isUnique()
          && index.getKeys().size() == 1
          && index.getKeys().get(0).getKey().equals("_id");
    }

    @Override
    protected synchronized QueryResult queryDocuments(
        Document query,
        Document orderBy,
        int numberToSkip,
        int limit,
        int batchSize,
        Document fieldSelector) {
      // Lower is better: an _id lookup, then a unique index matching the query exactly, then
      // the equality index handing over the fewest candidates.
      Index<Integer> best = null;
      Document lookup = query;
      long bestCost = Long.MAX_VALUE;
      for (Index<Integer> index : indexes) {
        long cost = -1;
        Document indexQuery = query;
        if (isIdIndex(index)) {
          Object id = query.get("_id");
          if (EqualityIndex.equalityValues(id) != null
              && !(id instanceof Document && ((Document) id).containsKey("$eq"))) {
            cost = 0;
            indexQuery = new Document("_id", id);
          }
        } else if (index instanceof EqualityIndex) {
          long candidates = ((EqualityIndex) index).candidates(query);
          if (candidates >= 0) cost = 2 + candidates;
        } else if (index.canHandle(query)) {
          cost = 1;
        }
        if (cost >= 0 && cost < bestCost) {
          best = index;
          bestCost = cost;
          lookup = indexQuery;
        }
      }
      if (best == null) {
        return super.queryDocuments(query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
      }
      return matchDocuments(
          query,
          best.getPositions(lookup),
          orderBy,
          numberToSkip,
          limit,
          batchSize,
          fieldSelector);
    }
  }
}
