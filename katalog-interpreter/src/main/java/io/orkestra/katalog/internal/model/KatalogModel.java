package io.orkestra.katalog.internal.model;

import io.orkestra.katalog.internal.support.SourcePos;
import java.util.List;
import java.util.Objects;

/**
 * One Katalog document.
 *
 * @param file display name of the file
 * @param name {@code metadata.name}
 * @param crds the CRD entries in source order (disabled ones included)
 * @param pos where the document starts
 * @param notification the {@code notification:} block ({@link NotificationBlock#NONE} when absent)
 */
public record KatalogModel(
    String file, String name, List<CrdEntry> crds, SourcePos pos, NotificationBlock notification) {
  /** Null checks and an immutable copy. */
  public KatalogModel {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(pos, "pos");
    Objects.requireNonNull(notification, "notification");
    crds = List.copyOf(crds);
  }
}
