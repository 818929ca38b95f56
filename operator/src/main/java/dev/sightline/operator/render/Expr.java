package dev.sightline.operator.render;

import dev.sightline.operator.model.Numbers;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A PromQL expression, built from typed parts so no renderer places a parenthesis by hand. Multi-line
 * forms lay operands out the way the generated rules read in a PrometheusRule: one operand per line,
 * the operator on its own line, nested operands indented.
 */
public record Expr(String text) {
  /** The labels every Sightline series is keyed by. */
  public static final String BY_SERVICE = "namespace, job";

  public static Expr of(String text) {
    return new Expr(text);
  }

  public static Expr number(double value) {
    return new Expr(Numbers.format(value));
  }

  /** rate(selector[window]) */
  public static Expr rate(String selector, String window) {
    return new Expr("rate(" + selector + "[" + window + "])");
  }

  /** avg_over_time(selector[window]) */
  public static Expr avgOverTime(String selector, String window) {
    return new Expr("avg_over_time(" + selector + "[" + window + "])");
  }

  /** sum_over_time(selector[window]) */
  public static Expr sumOverTime(String selector, String window) {
    return new Expr("sum_over_time(" + selector + "[" + window + "])");
  }

  /** sum by (labels) (inner) */
  public static Expr sumBy(String labels, Expr inner) {
    return aggregate("sum", labels, inner);
  }

  /** sum by (namespace, job) (rate(selector[window])): the rate of one service's counter. */
  public static Expr serviceRate(String selector, String window) {
    return sumBy(BY_SERVICE, rate(selector, window));
  }

  /** op by (labels) (inner), e.g. count by (namespace, job) (up == 0) */
  public static Expr aggregate(String op, String labels, Expr inner) {
    return new Expr(op + " by (" + labels + ") (" + inner.text + ")");
  }

  /** fn(args...), e.g. histogram_quantile(0.99, buckets) or absent(up{...}) */
  public static Expr call(String fn, Expr... args) {
    return new Expr(fn + "(" + List.of(args).stream().map(Expr::text).collect(Collectors.joining(", ")) + ")");
  }

  /** (\n  left\nop\n  right\n): a binary operation as a block, operands indented. */
  public static Expr block(Expr left, String op, Expr right) {
    return new Expr("(\n" + indent(left.text) + "\n" + op + "\n" + indent(right.text) + "\n)");
  }

  /** (\n  inner\n): inner indented, operators included. */
  public static Expr indented(Expr inner) {
    return new Expr("(\n" + indent(inner.text) + "\n)");
  }

  /** (\ninner\n): a group of lines, not indented. */
  public static Expr grouped(Expr inner) {
    return new Expr("(\n" + inner.text + "\n)");
  }

  /** The operands on their own lines, joined by op on its own line, e.g. a\nor\nb. */
  public static Expr lines(String op, List<Expr> operands) {
    return new Expr(operands.stream().map(Expr::text).collect(Collectors.joining("\n" + op + "\n")));
  }

  /** this\nop\nother */
  public Expr then(String op, Expr other) {
    return lines(op, List.of(this, other));
  }

  /** this\nand on (namespace, job)\nother: holds only where the same service's other expression holds. */
  public Expr andOnService(Expr other) {
    return then("and on (" + BY_SERVICE + ")", other);
  }

  /** this > value */
  public Expr gt(double value) {
    return inline(">", number(value));
  }

  /** this >= value */
  public Expr gte(double value) {
    return inline(">=", number(value));
  }

  /** this op other, on one line */
  public Expr inline(String op, Expr other) {
    return new Expr(text + " " + op + " " + other.text);
  }

  @Override
  public String toString() {
    return text;
  }

  private static String indent(String text) {
    return "  " + text.replace("\n", "\n  ");
  }
}
