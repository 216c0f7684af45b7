using Emulator.Domain.Protobuf;

namespace Emulator.Domain.Tests.Protobuf;

/// <summary>batch/v1 bodies as kubectl's typed clients send them (kubectl create job / cronjob).</summary>
public sealed class BatchDecodeTests
{
    [Fact]
    public void A_job_keeps_its_zero_valued_pointer_fields()
    {
        var body = ProtoWriter.Body("batch/v1", "Job", w => w
            .Message(1, m => m.String(1, "hello"))
            .Message(2, spec => spec
                .Int32(1, 0)
                .Int32(7, 1)
                .Bool(10, false)
                .String(9, "Indexed")
                .Message(6, t => t.Message(2, p => p
                    .Message(2, c => c.String(1, "hello").String(2, "busybox"))
                    .String(3, "Never")))));

        JsonAssert.Equal("""
            {"apiVersion":"batch/v1","kind":"Job","metadata":{"name":"hello"},
             "spec":{"parallelism":0,"backoffLimit":1,"suspend":false,"completionMode":"Indexed",
                     "template":{"spec":{"containers":[{"name":"hello","image":"busybox"}],"restartPolicy":"Never"}}}}
            """, KubeProtobuf.Decode(body));
    }

    [Fact]
    public void A_cron_job_carries_its_schedule_and_job_template()
    {
        var body = ProtoWriter.Body("batch/v1", "CronJob", w => w
            .Message(1, m => m.String(1, "tick"))
            .Message(2, spec => spec
                .String(1, "*/1 * * * *")
                .Message(5, jt => jt.Message(2, js => js.Message(6, t => t.Message(2, p => p.String(3, "OnFailure")))))));

        JsonAssert.Equal("""
            {"apiVersion":"batch/v1","kind":"CronJob","metadata":{"name":"tick"},
             "spec":{"schedule":"*/1 * * * *","jobTemplate":{"spec":{"template":{"spec":{"restartPolicy":"OnFailure"}}}}}}
            """, KubeProtobuf.Decode(body));
    }
}
