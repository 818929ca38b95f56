package dev.sightline.operator.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ExprTest {
  static final Expr A = Expr.of("a{job=\"x\"}");
  static final Expr B = Expr.of("b");

  @Test
  void aggregatesAndCallsNestTheirOperands() {
    assertThat(Expr.serviceRate("c{job=\"x\"}", "5m").text()).isEqualTo("sum by (namespace, job) (rate(c{job=\"x\"}[5m]))");
    assertThat(Expr.call("histogram_quantile", Expr.number(0.99), B).text()).isEqualTo("histogram_quantile(0.99, b)");
    assertThat(Expr.aggregate("count", "namespace, job", A.inline("==", Expr.number(0))).text())
        .isEqualTo("count by (namespace, job) (a{job=\"x\"} == 0)");
  }

  @Test
  void comparisonsPrintNumbersWithoutNoise() {
    assertThat(A.gt(0.05).text()).isEqualTo("a{job=\"x\"} > 0.05");
    assertThat(A.gte(100.0).text()).isEqualTo("a{job=\"x\"} >= 100");
  }

  @Test
  void blocksIndentOperandsAndKeepTheOperatorOnItsOwnLine() {
    assertThat(Expr.block(A, "/", B).text()).isEqualTo("(\n  a{job=\"x\"}\n/\n  b\n)");
    // a nested block is indented as a whole
    assertThat(Expr.block(Expr.block(A, "and", B), "or", B).text())
        .isEqualTo("(\n  (\n    a{job=\"x\"}\n  and\n    b\n  )\nor\n  b\n)");
    assertThat(Expr.indented(A.then("or", B)).text()).isEqualTo("(\n  a{job=\"x\"}\n  or\n  b\n)");
    assertThat(Expr.grouped(Expr.lines("or", List.of(A, B))).text()).isEqualTo("(\na{job=\"x\"}\nor\nb\n)");
    assertThat(A.andOnService(B).text()).isEqualTo("a{job=\"x\"}\nand on (namespace, job)\nb");
  }
}
