// Tiny admin-client probe used by scripts/kafka.sh, which compiles it once into the
// cache (javac --release 11) and runs `java -cp <classes>:<kafka libs>/* KafkaProbe ...`
// (the JDK source launcher `java -cp '<libs>/*' KafkaProbe.java ...` works too). Uses only the
// public kafka-clients Admin API, so it works for both Kafka 3.9.x and 4.x.
//
//   ready        BOOTSTRAP TIMEOUT_MS              -> describeCluster + listTopics; exit 0 when served
//   topics       BOOTSTRAP TIMEOUT_MS              -> list topic names (internal ones excluded)
//   create-topic BOOTSTRAP TIMEOUT_MS NAME [PARTS] -> create (replication 1); exit 0 if it already exists
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.errors.TopicExistsException;

public class KafkaProbe {
  public static void main(String[] args) throws Exception {
    if (args.length < 3) {
      System.err.println("usage: KafkaProbe ready|topics|create-topic BOOTSTRAP TIMEOUT_MS [NAME [PARTITIONS]]");
      System.exit(64);
    }
    String cmd = args[0];
    String bootstrap = args[1];
    int timeoutMs = Integer.parseInt(args[2]);
    Properties p = new Properties();
    p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(AdminClientConfig.CLIENT_ID_CONFIG, "medallion-kafka-sh");
    p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, Integer.toString(timeoutMs));
    p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, Integer.toString(timeoutMs));
    try (Admin admin = Admin.create(p)) {
      switch (cmd) {
        case "ready": {
          var cluster = admin.describeCluster(new DescribeClusterOptions().timeoutMs(timeoutMs));
          String id = cluster.clusterId().get(timeoutMs, TimeUnit.MILLISECONDS);
          var nodes = cluster.nodes().get(timeoutMs, TimeUnit.MILLISECONDS);
          int topics = admin.listTopics(new ListTopicsOptions().timeoutMs(timeoutMs)).names()
              .get(timeoutMs, TimeUnit.MILLISECONDS).size();
          StringBuilder sb = new StringBuilder();
          for (Node n : nodes) sb.append(sb.length() == 0 ? "" : ",").append(n.id()).append('@').append(n.host()).append(':').append(n.port());
          System.out.println("cluster=" + id + " brokers=" + sb + " topics=" + topics);
          break;
        }
        case "topics": {
          for (String t : new java.util.TreeSet<>(admin.listTopics(new ListTopicsOptions().timeoutMs(timeoutMs)).names()
              .get(timeoutMs, TimeUnit.MILLISECONDS))) {
            System.out.println(t);
          }
          break;
        }
        case "create-topic": {
          if (args.length < 4) { System.err.println("create-topic needs NAME"); System.exit(64); }
          String name = args[3];
          int parts = args.length > 4 ? Integer.parseInt(args[4]) : -1;
          NewTopic nt = parts > 0 ? new NewTopic(name, parts, (short) 1) : new NewTopic(name, java.util.Optional.empty(), java.util.Optional.of((short) 1));
          try {
            admin.createTopics(List.of(nt)).all().get(timeoutMs, TimeUnit.MILLISECONDS);
            System.out.println("created " + name + (parts > 0 ? " partitions=" + parts : ""));
          } catch (ExecutionException e) {
            if (e.getCause() instanceof TopicExistsException) {
              System.out.println("exists " + name);
            } else {
              throw e;
            }
          }
          break;
        }
        default:
          System.err.println("unknown probe command: " + cmd);
          System.exit(64);
      }
    } catch (ExecutionException e) {
      System.err.println("probe failed: " + e.getCause());
      System.exit(1);
    } catch (java.util.concurrent.TimeoutException e) {
      System.err.println("probe timed out after " + timeoutMs + " ms");
      System.exit(1);
    }
  }
}
