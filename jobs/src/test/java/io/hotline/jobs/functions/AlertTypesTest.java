package io.hotline.jobs.functions;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotline.jobs.records.Alert;
import io.hotline.jobs.records.CallMatch;
import io.hotline.jobs.records.CallTally;
import io.hotline.jobs.records.CenterBeat;
import io.hotline.jobs.records.MinuteRow;
import io.hotline.jobs.records.OpenMinutes;
import io.hotline.jobs.records.PendingMatch;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.GenericTypeInfo;
import org.apache.flink.api.java.typeutils.ObjectArrayTypeInfo;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.junit.jupiter.api.Test;

/**
 * The alert, join and minute types travel and sit in state as Flink POJOs: a fallback to Kryo would
 * need {@code --add-opens} on Java 17 and fail at the first checkpoint.
 */
class AlertTypesTest {
  @Test
  void stateAndOutputTypesAreFlinkPojos() {
    for (Class<?> type :
        new Class<?>[] {
          Alert.class,
          CallMatch.class,
          CallTally.class,
          CenterBeat.class,
          MinuteRow.class,
          OpenMinutes.class,
          PendingMatch.class
        }) {
      assertThat(TypeInformation.of(type))
          .as(type.getSimpleName())
          .isInstanceOf(PojoTypeInfo.class);
      assertNoKryo(TypeInformation.of(type), type.getSimpleName());
    }
  }

  /** Down through fields and array elements, since a nested type falls back to Kryo as well. */
  private static void assertNoKryo(TypeInformation<?> type, String path) {
    assertThat(type).as(path).isNotInstanceOf(GenericTypeInfo.class);
    if (type instanceof PojoTypeInfo<?> pojo) {
      for (int i = 0; i < pojo.getArity(); i++) {
        assertNoKryo(
            pojo.getPojoFieldAt(i).getTypeInformation(),
            path + "." + pojo.getPojoFieldAt(i).getField().getName());
      }
    } else if (type instanceof ObjectArrayTypeInfo<?, ?> array) {
      assertNoKryo(array.getComponentInfo(), path + "[]");
    }
  }
}
