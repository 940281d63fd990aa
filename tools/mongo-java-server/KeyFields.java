import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.bson.Document;
import java.util.List;

/**
 * The fields an index reads, with their dotted paths split once, to tell cheaply whether an
 * update left them alone. The library's own check computes both versions' full, normalized key
 * values (splitting each path again) for every index on every update; most updates (a state,
 * a lease, a fence bump) touch one or two of a collection's indexes.
 */
final class KeyFields {
  private final String[][] paths;

  KeyFields(List<IndexKey> keys) {
    paths = new String[keys.size()][];
    for (int i = 0; i < keys.size(); i++) paths[i] = keys.get(i).getKey().split("\\.");
  }

  /**
   * Whether two versions of a document hold equal values in every field of the index. Only
   * plain equality counts: a number stored as another type, or any difference inside a nested
   * value, says "changed", and the caller re-files the document, which is always correct.
   */
  boolean same(Document oldDocument, Document newDocument) {
    for (String[] path : paths) {
      Object before = valueAt(oldDocument, path);
      Object after = valueAt(newDocument, path);
      boolean same =
          before == null
              ? after == null
              : after != null && before.getClass() == after.getClass() && before.equals(after);
      if (!same) return false;
    }
    return true;
  }

  /**
   * The value at a dotted path: the whole array when the path crosses one, and the "missing"
   * marker for an absent field (a sparse index files null but not missing).
   */
  static Object valueAt(Document document, String[] path) {
    Object value = document;
    for (String part : path) {
      if (!(value instanceof Document)) return value;
      value = ((Document) value).getOrMissing(part);
    }
    return value;
  }
}
