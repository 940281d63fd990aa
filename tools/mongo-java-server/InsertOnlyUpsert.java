import de.bwaldvogel.mongo.backend.Utils;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;

/**
 * An upsert whose update is only `$setOnInsert` of top-level fields and whose selector is only
 * equalities on other top-level fields: the outbox's "insert this intent unless its key is
 * there" (`{idempotencyKey}` with `$setOnInsert`). mongo-java-server builds such a document by
 * converting the selector, deep-copying it, and walking every field through its general update
 * machinery (a path split and a subdocument walk per field): a tenth of the server's time in a
 * poll pass. The document built here is the one the library builds, field for field: `_id`
 * first (the selector's, or a new ObjectId), then the selector's fields, then the inserted ones
 * (a field named by both holds the inserted value, where the selector put it).
 */
final class InsertOnlyUpsert {
  private InsertOnlyUpsert() {}

  static boolean handles(Document selector, Document update) {
    if (update.size() != 1 || !(update.get("$setOnInsert") instanceof Document)) return false;
    Document inserted = (Document) update.get("$setOnInsert");
    if (inserted.isEmpty() || selector.isEmpty()) return false;
    for (String field : selector.keySet()) {
      if (!plain(field) || !EqualityIndex.isIndexable(selector.get(field))) return false;
    }
    for (String field : inserted.keySet()) {
      // An `_id` keeps the library's rules and errors.
      if (!plain(field) || field.equals("_id")) return false;
    }
    return true;
  }

  private static boolean plain(String field) {
    return !field.isEmpty() && field.indexOf('.') < 0 && field.charAt(0) != '$';
  }

  static Document newDocument(Document selector, Document update) {
    Document document = new Document();
    Object id = selector.get("_id");
    document.put("_id", id != null ? id : new ObjectId());
    for (String field : selector.keySet()) document.put(field, selector.get(field));
    Document inserted = (Document) update.get("$setOnInsert");
    for (String field : inserted.keySet()) document.put(field, inserted.get(field));
    Utils.validateFieldNames(document);
    return document;
  }
}
