package io.orkestra.oci.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LockFileTest {

  @TempDir Path temp;

  @Test
  void recordsAndMovesEntriesKeepingOthers() throws Exception {
    Path lock = temp.resolve("sub/orkestra.lock");
    String a = "sha256:" + "aa".repeat(32);
    String b = "sha256:" + "bb".repeat(32);
    assertThat(LockFile.lookup(lock, "r/x:v1")).isEmpty();
    LockFile.record(lock, "r/x:v1", a);
    LockFile.record(lock, "r/y:v2", b);
    LockFile.record(lock, "r/x:v1", b);
    assertThat(LockFile.lookup(lock, "r/x:v1")).contains(b);
    assertThat(LockFile.lookup(lock, "r/y:v2")).contains(b);
    assertThat(Files.readString(lock)).contains("\"lockVersion\" : 1");
    assertThat(Files.list(lock.getParent())).hasSize(1);
  }

  @Test
  void corruptLockFileIsAnErrorNamingIt() throws Exception {
    Path lock = temp.resolve("orkestra.lock");
    Files.writeString(lock, "[1, 2]");
    assertThatThrownBy(() -> LockFile.lookup(lock, "x")).hasMessageContaining("lock file " + lock);
  }
}
