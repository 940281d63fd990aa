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
 * index matching the query exactly, else the equality index pinning the most leading keys, else
 * a scan. Real MongoDB plans from the same declared indexes.
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
      Index<Integer> best = null;
      Document lookup = query;
      int bestScore = 0;
      for (Index<Integer> index : indexes) {
        int score = 0;
        Document indexQuery = query;
        if (isIdIndex(index)) {
          if (EqualityIndex.equalityValues(query.get("_id")) != null
              && !(query.get("_id") instanceof Document
                  && ((Document) query.get("_id")).containsKey("$eq"))) {
            score = 1000;
            indexQuery = new Document("_id", query.get("_id"));
          }
        } else if (index instanceof EqualityIndex) {
          score = ((EqualityIndex) index).usablePrefix(query);
        } else if (index.canHandle(query)) {
          score = 100;
        }
        if (score > bestScore) {
          best = index;
          bestScore = score;
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
