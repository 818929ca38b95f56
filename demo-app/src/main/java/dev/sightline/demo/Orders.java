package dev.sightline.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** In-memory order book. */
public final class Orders {
  public record Order(long id, String item, int quantity, long priceCents) {}

  private final Map<Long, Order> orders = new ConcurrentHashMap<>();
  private final AtomicLong ids = new AtomicLong();

  public Orders() {
    create("coffee beans", 2, 1_250);
    create("teapot", 1, 3_400);
    create("mug", 4, 900);
  }

  public Order create(String item, int quantity, long priceCents) {
    long id = ids.incrementAndGet();
    Order o = new Order(id, item, quantity, priceCents);
    orders.put(id, o);
    return o;
  }

  public Optional<Order> get(long id) {
    return Optional.ofNullable(orders.get(id));
  }

  public List<Order> list(int limit) {
    return orders.values().stream().sorted((a, b) -> Long.compare(a.id(), b.id())).limit(limit).toList();
  }

  public List<Order> search(String query) {
    String q = query.toLowerCase(Locale.ROOT);
    List<Order> hits = new ArrayList<>();
    for (Order o : orders.values()) {
      if (o.item().toLowerCase(Locale.ROOT).contains(q)) {
        hits.add(o);
      }
    }
    hits.sort((a, b) -> Long.compare(a.id(), b.id()));
    return hits;
  }
}
