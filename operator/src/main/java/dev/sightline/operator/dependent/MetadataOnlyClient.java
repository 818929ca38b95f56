package dev.sightline.operator.dependent;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import io.fabric8.kubernetes.client.impl.KubernetesClientImpl;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * A client for the generated objects (and the Services an ObservedService selects by their labels) whose lists,
 * watches and server-side applies are answered with the objects' metadata only (PartialObjectMetadata, as
 * client-go's metadata client asks for it), on the given client's HTTP connections. The informers' caches keep
 * metadata only anyway ({@link PrunedItemStore}), and an apply's answer only goes to that cache; without this every
 * list, every watch event and every apply's answer of a rule set or dashboard of tens of kilobytes crossed TLS and
 * was parsed in full to be dropped. fabric8 has no
 * metadata-only client (fabric8io/kubernetes-client#7451); it turns each PartialObjectMetadata into the typed class,
 * with metadata only. An API server that does not offer the format answers in full JSON, the Accept header's
 * fallback.
 */
public final class MetadataOnlyClient {
  private static final String GROUP_VERSION = ";g=meta.k8s.io;v=v1";
  private static final Map<KubernetesClient, KubernetesClient> CLIENTS = new WeakHashMap<>();

  private MetadataOnlyClient() {}

  /** The metadata-only client of this client (lists, watches and applies): one per client, sharing its HTTP client. */
  public static synchronized KubernetesClient of(KubernetesClient client) {
    return CLIENTS.computeIfAbsent(client, c -> new KubernetesClientImpl(
        c.getHttpClient().newBuilder().addOrReplaceInterceptor("sightline-metadata-only", new AcceptMetadata()).build(),
        c.getConfiguration(), null, serialization()));
  }

  /**
   * fabric8's serialization, reading a null list as empty: the API server writes an empty PartialObjectMetadataList's
   * items as null (Go's nil slice), where fabric8's informers expect a list.
   */
  private static KubernetesSerialization serialization() {
    ObjectMapper mapper = new ObjectMapper();
    mapper.configOverride(List.class).setSetterInfo(JsonSetter.Value.forValueNulls(Nulls.AS_EMPTY));
    return new KubernetesSerialization(mapper, true);
  }

  /**
   * Sets the Accept header: lists are answered as a PartialObjectMetadataList, watch events and the answers to
   * writes as a PartialObjectMetadata.
   */
  static final class AcceptMetadata implements Interceptor {
    @Override
    public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
      builder.setHeader("Accept", accept(request.method(), request.uri().getRawQuery()));
    }

    static String accept(String method, String query) {
      boolean list = "GET".equals(method) && (query == null || !("&" + query).contains("&watch=true"));
      return "application/json;as=PartialObjectMetadata" + (list ? "List" : "") + GROUP_VERSION + ",application/json";
    }
  }
}
