package io.hotline.jobs.functions;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotline.jobs.records.Alert;
import io.hotline.jobs.records.CallMatch;
import io.hotline.jobs.records.CallTally;
import io.hotline.jobs.records.CenterBeat;
import io.hotline.jobs.records.OpenMinutes;
import org.apache.flink.api.common.typeinfo.TypeInformation;
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
          OpenMinutes.class,
          OpenMinutes.Minute.class
        }) {
      assertThat(TypeInformation.of(type))
          .as(type.getSimpleName())
          .isInstanceOf(PojoTypeInfo.class);
      PojoTypeInfo<?> pojo = (PojoTypeInfo<?>) TypeInformation.of(type);
      for (int i = 0; i < pojo.getArity(); i++) {
        assertThat(pojo.getPojoFieldAt(i).getTypeInformation().getClass().getSimpleName())
            .as(type.getSimpleName() + "." + pojo.getPojoFieldAt(i).getField().getName())
            .isNotEqualTo("GenericTypeInfo");
      }
    }
  }
}
