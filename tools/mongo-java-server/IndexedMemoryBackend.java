import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.ArrayFilters;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.backend.memory.MemoryCollection;
import de.bwaldvogel.mongo.backend.memory.MemoryDatabase;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.oplog.Oplog;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;

/**
 * mongo-java-server's memory backend with the secondary indexes it lacks ({@link EqualityIndex}),
 * unique indexes whose ObjectId keys hash well ({@link SpreadUniqueIndex}), and a planner that
 * picks, for each query, the index that narrows it most: an `_id` lookup whenever the query pins
 * `_id` (even beside other fields, as fenced updates do), else a unique index whose keys the
 * query pins (also beside other fields), else the equality index handing over the fewest
 * candidates (counted from the index), else a scan. Real MongoDB plans from the same declared
 * indexes.
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
    protected Index<Integer> openOrCreateUniqueIndex(
        String collectionName, String indexName, List<IndexKey> keys, boolean sparse) {
      return new SpreadUniqueIndex(indexName, keys, sparse);
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

    /**
     * No running byte count: mongo-java-server keeps one by encoding the whole document to BSON
     * on every insert and delete and twice on every update it applies, and Porchlight never
     * reads it (collStats' `size` is 0 here).
     */
    @Override
    protected boolean tracksDataSize() {
      return false;
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

    /**
     * One document's update of top-level fields (`$push` of one value too), in place ({@link
     * TopLevelUpdate}); everything else as mongo-java-server does it. Index checks and
     * maintenance are the same calls the library makes, with the stored document before and
     * after.
     */
    @Override
    public synchronized Document updateDocuments(
        Document selector,
        Document update,
        ArrayFilters arrayFilters,
        boolean multi,
        boolean upsert,
        Oplog oplog) {
      if (upsert && !multi && arrayFilters.isEmpty() && InsertOnlyUpsert.handles(selector, update)) {
        return insertOnlyUpsert(selector, update, oplog);
      }
      Index<Integer> idIndex =
          indexes.stream().filter(IndexedMemoryCollection::isIdIndex).findFirst().orElse(null);
      if (multi
          || upsert
          || idIndex == null
          || !arrayFilters.isEmpty()
          || !TopLevelUpdate.handles(update)) {
        return super.updateDocuments(selector, update, arrayFilters, multi, upsert, oplog);
      }
      Document stored = firstMatch(selector);
      if (stored != null && !TopLevelUpdate.appliesTo(stored, update)) {
        return super.updateDocuments(selector, update, arrayFilters, multi, upsert, oplog);
      }
      List<Object> modified = new ArrayList<>();
      if (stored != null) {
        TopLevelUpdate.validate(update);
        Document after = TopLevelUpdate.after(stored, update);
        if (after != null) {
          for (Index<Integer> index : indexes) index.checkUpdate(stored, after, this);
          Integer position = idIndex.getPosition(stored);
          for (Index<Integer> index : indexes) {
            index.updateInPlace(stored, after, position, this);
          }
          TopLevelUpdate.applyTo(stored, update, after);
          modified.add(stored.get("_id"));
        }
      }
      oplog.handleUpdate(getFullName(), selector, update, modified);
      return updateResult(null, stored == null ? 0 : 1, modified.size());
    }

    /**
     * An upsert that only inserts ({@link InsertOnlyUpsert}): a match is left as it is, else the
     * new document is the selector's fields and the `$setOnInsert` fields, with the same result
     * and oplog entry the library gives.
     */
    private Document insertOnlyUpsert(Document selector, Document update, Oplog oplog) {
      if (firstMatch(selector) != null) {
        oplog.handleUpdate(getFullName(), selector, update, List.of());
        return updateResult(null, 1, 0);
      }
      Document inserted = InsertOnlyUpsert.newDocument(selector, update);
      addDocument(inserted);
      oplog.handleInsert(getFullName(), List.of(inserted));
      return updateResult(inserted.get("_id"), 0, 0);
    }

    /** An update's answer as the library gives it: `upserted` (when there is one) first. */
    private static Document updateResult(Object upsertedId, int matched, int modified) {
      Document result = new Document();
      if (upsertedId != null) result.put("upserted", upsertedId);
      result.put("n", matched);
      result.put("nModified", modified);
      return result;
    }

    private Document firstMatch(Document selector) {
      Iterator<Document> matches = queryDocuments(selector, null, 0, 0, 0, null).iterator();
      return matches.hasNext() ? matches.next() : null;
    }

    private static boolean isIdIndex(Index<Integer> index) {
      return index.isUnique()
          && index.getKeys().size() == 1
          && index.getKeys().get(0).getKey().equals("_id");
    }

    /**
     * The part of the query naming one document of a unique index, when the query pins every
     * key of it (other conditions may ride along; the collection checks them): plain values,
     * or `$in` for a single-key index. Null when it does not.
     */
    private static Document pinnedKeys(Index<Integer> index, Document query) {
      Document pinned = new Document();
      for (IndexKey key : index.getKeys()) {
        Object condition = query.get(key.getKey());
        boolean scalar = EqualityIndex.isIndexable(condition);
        boolean in =
            index.getKeys().size() == 1
                && condition instanceof Document
                && ((Document) condition).size() == 1
                && ((Document) condition).containsKey("$in")
                && EqualityIndex.equalityValues(condition) != null;
        if (!scalar && !in) return null;
        pinned.put(key.getKey(), condition);
      }
      return pinned;
    }

    @Override
    protected synchronized QueryResult queryDocuments(
        Document query,
        Document orderBy,
        int numberToSkip,
        int limit,
        int batchSize,
        Document fieldSelector) {
      // Lower is better: an _id lookup, then a unique index whose keys the query pins, then the
      // equality index handing over the fewest candidates.
      Index<Integer> best = null;
      Document lookup = query;
      long bestCost = Long.MAX_VALUE;
      // The query's conditions the best index answers exactly: its documents meet them already.
      Collection<String> answered = List.of();
      for (Index<Integer> index : indexes) {
        long cost = -1;
        Document indexQuery = query;
        Collection<String> answers = List.of();
        if (index instanceof EqualityIndex) {
          EqualityIndex equality = (EqualityIndex) index;
          int prefix = equality.usablePrefix(query);
          if (prefix > 0) {
            cost = 2 + equality.candidates(query, prefix);
            answers = equality.keyNames().subList(0, prefix);
          }
        } else if (index.isUnique()) {
          Document pinned = pinnedKeys(index, query);
          if (pinned != null) {
            cost = isIdIndex(index) ? 0 : 1;
            indexQuery = pinned;
            answers = pinned.keySet();
          } else if (index.canHandle(query)) {
            cost = 1;
          }
        }
        if (cost >= 0 && cost < bestCost) {
          best = index;
          bestCost = cost;
          lookup = indexQuery;
          answered = answers;
        }
      }
      if (best == null) {
        return super.queryDocuments(query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
      }
      // The index's documents are matched only against the conditions it did not answer: the
      // library would test each against every `$in` value again, normalizing both sides per
      // comparison (`{orderId: {$in: [500 ids]}, sentAt: {$gte: day}}` in a dispatch batch;
      // `{_id: {$in: [...]}}` in a poll pass, a fifth of the server's time).
      Document rest = query;
      if (!answered.isEmpty()) {
        rest = new Document(query);
        for (String key : answered) rest.remove(key);
      }
      return matchDocuments(
          rest, best.getPositions(lookup), orderBy, numberToSkip, limit, batchSize, fieldSelector);
    }
  }
}
