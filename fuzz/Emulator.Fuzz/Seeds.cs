using System.Text;

namespace Emulator.Fuzz;

/// <summary>Well-formed inputs the mutators start from: objects, YAML manifests, protobuf envelopes and patches.</summary>
public static class Seeds
{
    public static readonly string[] JsonObjects =
    [
        """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c1","namespace":"ns","labels":{"app":"web"},"annotations":{"a":"b"}},"data":{"k":"v","n":"1"}}""",
        """{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"},"spec":{"replicas":3,"selector":{"matchLabels":{"app":"web"}},"template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"name":"c","image":"nginx","ports":[{"containerPort":80,"protocol":"TCP"}],"env":[{"name":"A","value":"1"}]}]}}}}""",
        """{"apiVersion":"v1","kind":"Service","metadata":{"name":"svc"},"spec":{"type":"NodePort","selector":{"app":"web"},"ports":[{"name":"http","port":80,"targetPort":"http","protocol":"TCP"},{"name":"dns","port":53,"protocol":"UDP"}]}}""",
        """{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p","finalizers":["x/y"]},"spec":{"containers":[{"name":"a","image":"busybox","command":["sh","-c","sleep 1"],"resources":{"limits":{"cpu":"100m","memory":"1Gi"}}}],"tolerations":[{"key":"k","operator":"Exists"}]}}""",
        """{"apiVersion":"v1","kind":"Secret","metadata":{"name":"s"},"type":"Opaque","data":{"k":"dmFsdWU="},"stringData":{"x":"y"}}""",
    ];

    public static readonly string[] Yaml =
    [
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c1\n  labels:\n    app: web\ndata:\n  k: v\n  multi: |\n    line1\n    line2\n",
        "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 2\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n      - name: c\n        image: nginx\n        ports: [{containerPort: 80}]\n",
        "base: &b {a: 1, b: [1, 2, 3]}\nref: *b\nlist:\n- *b\n- *b\n? complex\n: value\nquoted: \"x\\ty\"\n'single': 'it''s'\n",
    ];

    public static readonly string[] MergePatches =
    [
        """{"metadata":{"labels":{"app":null,"new":"x"}},"data":{"k":"w"}}""",
        """{"spec":{"replicas":5,"template":{"spec":{"containers":[{"name":"c","image":"nginx:2"}]}}}}""",
    ];

    public static readonly string[] StrategicPatches =
    [
        """{"spec":{"template":{"spec":{"containers":[{"name":"c","image":"nginx:2"},{"$patch":"delete","name":"old"}],"$setElementOrder/containers":[{"name":"c"}]}}}}""",
        """{"spec":{"ports":[{"port":80,"$patch":"replace"}],"$retainKeys":["ports"]},"metadata":{"$deleteFromPrimitiveList/finalizers":["x/y"]}}""",
        """{"metadata":{"labels":{"$patch":"replace","a":"b"}},"spec":{"tolerations":[{"key":"k","$patch":"delete"}]}}""",
    ];

    public static readonly string[] JsonPatches =
    [
        """[{"op":"add","path":"/metadata/labels/x","value":"y"},{"op":"replace","path":"/data/k","value":"z"},{"op":"remove","path":"/metadata/annotations"}]""",
        """[{"op":"test","path":"/metadata/name","value":"c1"},{"op":"copy","from":"/data","path":"/metadata/annotations"},{"op":"move","from":"/data/k","path":"/data/m"}]""",
        """[{"op":"add","path":"/spec/template/spec/containers/-","value":{"name":"d","image":"x"}},{"op":"replace","path":"/spec/replicas","value":1}]""",
    ];

    /// <summary>Kubernetes protobuf envelopes ("k8s\0" + runtime.Unknown) built by hand, one per shape the decoder knows.</summary>
    public static IEnumerable<byte[]> Protobuf()
    {
        // ConfigMap{metadata{name, namespace, labels{app: web}}, data{k: v}}
        var labels = Field(11, Concat(Field(1, Str("app")), Field(2, Str("web"))));
        var meta = Concat(Field(1, Str("c1")), Field(3, Str("ns")), labels);
        var configMap = Concat(Field(1, meta), Field(2, Concat(Field(1, Str("k")), Field(2, Str("v")))));
        yield return Envelope("v1", "ConfigMap", configMap);
        // Secret{metadata{name}, data{k: bytes}, type}
        var secret = Concat(Field(1, Field(1, Str("s"))), Field(2, Concat(Field(1, Str("k")), Field(2, [1, 2, 3]))), Field(3, Str("Opaque")));
        yield return Envelope("v1", "Secret", secret);
        // Namespace{metadata{name}}
        yield return Envelope("v1", "Namespace", Field(1, Field(1, Str("ns"))));
    }

    private static byte[] Envelope(string apiVersion, string kind, byte[] raw) =>
        Concat("k8s\0"u8.ToArray(), Field(1, Concat(Field(1, Str(apiVersion)), Field(2, Str(kind)))), Field(2, raw));

    private static byte[] Str(string s) => Encoding.UTF8.GetBytes(s);

    private static byte[] Field(int number, byte[] payload) => Concat(Varint((ulong)(number << 3 | 2)), Varint((ulong)payload.Length), payload);

    private static byte[] Varint(ulong value)
    {
        var bytes = new List<byte>();
        do
        {
            var b = (byte)(value & 0x7F);
            value >>= 7;
            bytes.Add(value == 0 ? b : (byte)(b | 0x80));
        } while (value != 0);
        return [.. bytes];
    }

    private static byte[] Concat(params byte[][] parts) => [.. parts.SelectMany(p => p)];
}
