namespace Emulator.Domain.Tests.Protobuf;

/// <summary>
/// Request bodies sent by the real clients (kubectl v1.35.2 and helm v4.1.4 from .tools/bin) to a throwaway
/// recording HTTP server on 127.0.0.1, stored as base64 (whitespace is ignored by
/// <see cref="Convert.FromBase64String"/>). Each comment names the command and the request that carried it.
/// </summary>
internal static class CapturedBodies
{
    public static byte[] Bytes(string base64) => Convert.FromBase64String(base64);

    /// <summary><c>kubectl create deployment httpenv --image=jpetazzo/httpenv --replicas=10</c> (POST /apis/apps/v1/namespaces/default/deployments, 235 bytes).</summary>
    public const string KubectlCreateDeploymentHttpenv = """
        azhzAAoVCgdhcHBzL3YxEgpEZXBsb3ltZW50EskBCicKB2h0dHBlbnYSABoAIgAqADIAOABCAFoOCgNhcHASB2h0dHBlbnYSjwEI
        ChIQCg4KA2FwcBIHaHR0cGVudhpxCiAKABIAGgAiACoAMgA4AEIAWg4KA2FwcBIHaHR0cGVudhJNEi8KB2h0dHBlbnYSEGpwZXRh
        enpvL2h0dHBlbnYqAEIAagByAIABAIgBAJABAKIBABoAMgBCAEoAUgBYAGAAaACCAQCKAQCaAQDCAQAiAgoAKAA4ABoMCAAQABgA
        IAAoADgAGgAiAA==
        """;

    /// <summary><c>kubectl create deployment web --image=nginx --port=8888</c> (POST /apis/apps/v1/namespaces/default/deployments, 219 bytes).</summary>
    public const string KubectlCreateDeploymentWithPort = """
        azhzAAoVCgdhcHBzL3YxEgpEZXBsb3ltZW50ErkBCh8KA3dlYhIAGgAiACoAMgA4AEIAWgoKA2FwcBIDd2ViEocBCAESDAoKCgNh
        cHASA3dlYhptChwKABIAGgAiACoAMgA4AEIAWgoKA2FwcBIDd2ViEk0SLwoFbmdpbngSBW5naW54KgAyCwoAEAAYuEUiACoAQgBq
        AHIAgAEAiAEAkAEAogEAGgAyAEIASgBSAFgAYABoAIIBAIoBAJoBAMIBACICCgAoADgAGgwIABAAGAAgACgAOAAaACIA
        """;

    /// <summary><c>kubectl create deployment multi --image=nginx --image=busybox</c> (POST /apis/apps/v1/namespaces/default/deployments, 255 bytes).</summary>
    public const string KubectlCreateDeploymentTwoImages = """
        azhzAAoVCgdhcHBzL3YxEgpEZXBsb3ltZW50Et0BCiMKBW11bHRpEgAaACIAKgAyADgAQgBaDAoDYXBwEgVtdWx0aRKnAQgBEg4K
        DAoDYXBwEgVtdWx0aRqKAQoeCgASABoAIgAqADIAOABCAFoMCgNhcHASBW11bHRpEmgSIgoFbmdpbngSBW5naW54KgBCAGoAcgCA
        AQCIAQCQAQCiAQASJgoHYnVzeWJveBIHYnVzeWJveCoAQgBqAHIAgAEAiAEAkAEAogEAGgAyAEIASgBSAFgAYABoAIIBAIoBAJoB
        AMIBACICCgAoADgAGgwIABAAGAAgACgAOAAaACIA
        """;

    /// <summary><c>kubectl create configmap c --from-literal=a=b --from-literal=c=d</c> (POST /api/v1/namespaces/default/configmaps, 62 bytes).</summary>
    public const string KubectlCreateConfigMapLiterals = """
        azhzAAoPCgJ2MRIJQ29uZmlnTWFwEiMKEQoBYxIAGgAiACoAMgA4AEIAEgYKAWESAWISBgoBYxIBZBoAIgA=
        """;

    /// <summary><c>kubectl create configmap files --from-file=bin.dat=&lt;file ff fe 00 'binary'&gt; --from-file=&lt;text.txt "hello\nworld\n"&gt;</c> (POST /api/v1/namespaces/default/configmaps, 98 bytes).</summary>
    public const string KubectlCreateConfigMapFromFiles = """
        azhzAAoPCgJ2MRIJQ29uZmlnTWFwEkcKFQoFZmlsZXMSABoAIgAqADIAOABCABIYCgh0ZXh0LnR4dBIMaGVsbG8Kd29ybGQKGhQK
        B2Jpbi5kYXQSCf/+AGJpbmFyeRoAIgA=
        """;

    /// <summary><c>kubectl create secret generic s --from-literal=user=admin</c> (POST /api/v1/namespaces/default/secrets, 60 bytes).</summary>
    public const string KubectlCreateSecretGeneric = """
        azhzAAoMCgJ2MRIGU2VjcmV0EiQKEQoBcxIAGgAiACoAMgA4AEIAEg0KBHVzZXISBWFkbWluGgAaACIA
        """;

    /// <summary><c>kubectl create secret docker-registry reg --docker-server=r.example.com --docker-username=u --docker-password=p</c> (POST /api/v1/namespaces/default/secrets, 174 bytes).</summary>
    public const string KubectlCreateSecretDockerRegistry = """
        azhzAAoMCgJ2MRIGU2VjcmV0EpUBChMKA3JlZxIAGgAiACoAMgA4AEIAEl4KES5kb2NrZXJjb25maWdqc29uEkl7ImF1dGhzIjp7
        InIuZXhhbXBsZS5jb20iOnsidXNlcm5hbWUiOiJ1IiwicGFzc3dvcmQiOiJwIiwiYXV0aCI6ImRUcHcifX19Gh5rdWJlcm5ldGVz
        LmlvL2RvY2tlcmNvbmZpZ2pzb24aACIA
        """;

    /// <summary><c>kubectl create namespace n1</c> (POST /api/v1/namespaces, 53 bytes).</summary>
    public const string KubectlCreateNamespace = """
        azhzAAoPCgJ2MRIJTmFtZXNwYWNlEhoKEgoCbjESABoAIgAqADIAOABCABIAGgIKABoAIgA=
        """;

    /// <summary><c>kubectl create service clusterip web --tcp=80:8080</c> (POST /api/v1/namespaces/default/services, 130 bytes).</summary>
    public const string KubectlCreateServiceClusterIp = """
        azhzAAoNCgJ2MRIHU2VydmljZRJpCh8KA3dlYhIAGgAiACoAMgA4AEIAWgoKA2FwcBIDd2ViEkIKGwoHODAtODA4MBIDVENQGFAi
        BwgAEJA/GgAoABIKCgNhcHASA3dlYhoAIglDbHVzdGVySVA6AEIAUgBaAGAAaAAaAgoAGgAiAA==
        """;

    /// <summary><c>kubectl create service nodeport np --tcp=80:8080 --node-port=30080</c> (POST /api/v1/namespaces/default/services, 128 bytes).</summary>
    public const string KubectlCreateServiceNodePort = """
        azhzAAoNCgJ2MRIHU2VydmljZRJnCh0KAm5wEgAaACIAKgAyADgAQgBaCQoDYXBwEgJucBJCCh0KBzgwLTgwODASA1RDUBhQIgcI
        ABCQPxoAKIDrARIJCgNhcHASAm5wGgAiCE5vZGVQb3J0OgBCAFIAWgBgAGgAGgIKABoAIgA=
        """;

    /// <summary><c>kubectl create service externalname ext --external-name=example.com</c> (POST /api/v1/namespaces/default/services, 115 bytes).</summary>
    public const string KubectlCreateServiceExternalName = """
        azhzAAoNCgJ2MRIHU2VydmljZRJaCh8KA2V4dBIAGgAiACoAMgA4AEIAWgoKA2FwcBIDZXh0EjMSCgoDYXBwEgNleHQaACIMRXh0
        ZXJuYWxOYW1lOgBCAFILZXhhbXBsZS5jb21aAGAAaAAaAgoAGgAiAA==
        """;

    /// <summary><c>kubectl create service loadbalancer lb --tcp=443:8443</c> (POST /api/v1/namespaces/default/services, 132 bytes).</summary>
    public const string KubectlCreateServiceLoadBalancer = """
        azhzAAoNCgJ2MRIHU2VydmljZRJrCh0KAmxiEgAaACIAKgAyADgAQgBaCQoDYXBwEgJsYhJGCh0KCDQ0My04NDQzEgNUQ1AYuwMi
        BwgAEPtBGgAoABIJCgNhcHASAmxiGgAiDExvYWRCYWxhbmNlcjoAQgBSAFoAYABoABoCCgAaACIA
        """;

    /// <summary><c>kubectl create serviceaccount sa1</c> (POST /api/v1/namespaces/default/serviceaccounts, 53 bytes).</summary>
    public const string KubectlCreateServiceAccount = """
        azhzAAoUCgJ2MRIOU2VydmljZUFjY291bnQSFQoTCgNzYTESABoAIgAqADIAOABCABoAIgA=
        """;

    /// <summary><c>kubectl debug pod/rich --copy-to=rich-copy --keep-annotations --keep-labels --keep-liveness --keep-readiness --keep-startup --same-node --share-processes=false --profile=legacy --image=busybox:1.36 --container=debugger, after the recording server answered GET pods/rich with RichPod.Json</c> (POST /api/v1/namespaces/default/pods, 2355 bytes).</summary>
    public const string KubectlDebugPodCopy = """
        azhzAAoJCgJ2MRIDUG9kEp0SCjoKCXJpY2gtY29weRIAGgdkZWZhdWx0IgAqADIAOABCAGIJCgVlbXB0eRIAYg0KBG5vdGUSBWhl
        bGxvEskRCjcKA2NmZxIwmgEtCgwKCmFwcC1jb25maWcSGAoGYS5jb25mEgtjb25mL2EuY29uZhikAhikAyAAChoKA3NlYxITMhEK
        CmFwcC1zZWNyZXQYgAIgAQodCgdzY3JhdGNoEhISEAoGTWVtb3J5EgYKBDY0TWkKJwoEaG9zdBIfCh0KCC92YXIvbG9nEhFEaXJl
        Y3RvcnlPckNyZWF0ZQoWCgRkYXRhEg5SDAoIZGF0YS1wdmMQAQp2CgRwcm9qEm7SAWsKEyIRCgV2YXVsdBCQHBoFdG9rZW4KGBoW
        CgwKCmFwcC1jb25maWcSBgoBYhIBYgojEiEKHwoGbGFiZWxzEhUKAnYxEg9tZXRhZGF0YS5sYWJlbHMKEgoQCgwKCmFwcC1zZWNy
        ZXQgABCkAwpOCgdwb2RpbmZvEkOCAUAKGQoEbmFtZRIRCgASDW1ldGFkYXRhLm5hbWUKIwoDbWVtGhwKBG1haW4SDWxpbWl0cy5t
        ZW1vcnkaBQoDMU1pCj0KCmlubGluZS1jc2kSL+IBLAoPY3NpLmV4YW1wbGUuY29tEAEiCQoEc2l6ZRIBMSoMCgpjc2ktc2VjcmV0
        CmAKA2VwaBJZ6gFWClQKHQoAEgAaACIAKgAyADgAQgBaCwoEa2luZBIDZXBoEjMKDVJlYWRXcml0ZU9uY2USEhIQCgdzdG9yYWdl
        EgUKAzFHaRoAKgAyCkZpbGVzeXN0ZW0KJgoDbmZzEh86HQoPbmZzLmV4YW1wbGUuY29tEggvZXhwb3J0cxgBEuAFCgRtYWluEgpu
        Z2lueDoxLjI1KgQvc3J2MhIKBGh0dHAQABiQPyIDVENQKgAyFwoAEJKVARiCRyIDVURQKgcwLjAuMC4wOgoKBVBMQUlOEgF2OgkK
        BUVNUFRZEgA6IwoIUE9EX05BTUUSABoVChMKAnYxEg1tZXRhZGF0YS5uYW1lOiYKBFBBU1MSABocIhoKDAoKYXBwLXNlY3JldBII
        cGFzc3dvcmQYADogCgRNT0RFEgAaFhoUCgwKCmFwcC1jb25maWcSBG1vZGU6JQoDQ1BVEgAaHBIaCgRtYWluEgxyZXF1ZXN0cy5j
        cHUaBAoCMW1CQwoNCgNjcHUSBgoENTAwbQoRCgZtZW1vcnkSBwoFMTI4TWkSDQoDY3B1EgYKBDI1MG0SEAoGbWVtb3J5EgYKBDY0
        TWlKGQoDY2ZnEAEaCC9ldGMvYXBwIgRjb25mMgBKKAoEaG9zdBAAGgkvaG9zdC9sb2ciACoPSG9zdFRvQ29udGFpbmVyMgBKIAoH
        c2NyYXRjaBAAGgQvdG1wIgAyCyQoUE9EX05BTUUpUjcKKxIpCggvaGVhbHRoehIHCAAQkD8aABoAIgRIVFRQKgwKB1gtUHJvYmUS
        ATEQBRgBIAooATADWhwKEBoOCgoIARAAGgRodHRwEgAQABgAIAUoADAAYhgKEAoOCgJzaAoCLWMKBHRydWUSBCICCAVqFC9kZXYv
        dGVybWluYXRpb24tbG9ncgxJZk5vdFByZXNlbnR6NgoXChBORVRfQklORF9TRVJWSUNFEgNBTEwQACDoBygBMAE4AFoQCg5SdW50
        aW1lRGVmYXVsdIABAYgBAJABAZoBFgoEQ0ZHXxIOCgwKCmFwcC1jb25maWeaARQKABoQCgwKCmFwcC1zZWNyZXQQAaIBFUZhbGxi
        YWNrVG9Mb2dzT25FcnJvcrIBIQoTChEKA2NhdAoKL3RtcC9yZWFkeRAAGAAgACgAMB44ABJECgRncnBjEhNleGFtcGxlLmNvbS9n
        cnBjOnYxKgBCAFITCgciBQioRhIAEAAYACAAKAAwAGoAcgCAAQCIAQCQAQCiAQASMAoIZGVidWdnZXISDGJ1c3lib3g6MS4zNioA
        QgBqAHIAgAEAiAEAkAEAogEERmlsZRoGQWx3YXlzIAAyDENsdXN0ZXJGaXJzdDoPCghkaXNrdHlwZRIDc3NkQgZydW5uZXJKAFIG
        bm9kZS0xWABgAGgAcm8Q6AcYASCgHyCIJyjQDzC4FzoqChxuZXQuaXB2NC5pcF9sb2NhbF9wb3J0X3JhbmdlEgoxMDI0IDY1NTM1
        Sg5PblJvb3RNaXNtYXRjaFIgCglMb2NhbGhvc3QSE3Byb2ZpbGVzL2F1ZGl0Lmpzb256CQoHcmVnY3JlZIIBCXJpY2gtaG9zdIoB
        A3N2Y5IBvgEKPAoUChIKEAoEem9uZRICSW4aAWEaAWISJAgBEiASHgoNbWV0YWRhdGEubmFtZRIFTm90SW4aBm5vZGUtORIwEi4I
        MhIqCg4KDAoDYXBwEgVjYWNoZRoWa3ViZXJuZXRlcy5pby9ob3N0bmFtZSIAGkwKSgoPEg0KA2FwcBIGRXhpc3RzEgdkZWZhdWx0
        Ght0b3BvbG9neS5rdWJlcm5ldGVzLmlvL3pvbmUqEXBvZC10ZW1wbGF0ZS1oYXNomgERZGVmYXVsdC1zY2hlZHVsZXKiAUYKBGlu
        aXQSDGJ1c3lib3g6MS4zNhoCc2gaAi1jIgllY2hvIGluaXQiACoAQgBqAHIAgAEAiAEAkAEAogEAwgEGQWx3YXlzqAEAsgElCglk
        ZWRpY2F0ZWQSBUVxdWFsGgNncHUiCU5vRXhlY3V0ZSisArIBDgoAEgZFeGlzdHMaACIAugEhCggxMC4wLjAuMRIIZGIubG9jYWwS
        C2NhY2hlLmxvY2FswgEEaGlnaMgBANIBMQoHMS4xLjEuMRIRc3ZjLmNsdXN0ZXIubG9jYWwaCgoFbmRvdHMSATIaBwoFZWRuczDY
        AQDiARMKEWV4YW1wbGUuY29tL3JlYWR58AEA+gEUUHJlZW1wdExvd2VyUHJpb3JpdHmKAlkIARIbdG9wb2xvZ3kua3ViZXJuZXRl
        cy5pby96b25lGg1Eb05vdFNjaGVkdWxlIg0KCwoDYXBwEgRyaWNoKAIyBUhvbm9yQhFwb2QtdGVtcGxhdGUtaGFzaJgCAKICBwoF
        bGludXgaEwoAGgAiACoAMgBKAFoAcgCIAQAaACIA
        """;

    /// <summary><c>kubectl debug node/node-1 --image=busybox:1.36 --profile=sysadmin</c> (POST /api/v1/namespaces/default/pods, 293 bytes).</summary>
    public const string KubectlDebugNode = """
        azhzAAoJCgJ2MRIDUG9kEo8CClkKGm5vZGUtZGVidWdnZXItbm9kZS0xLWRjNHdsEgAaACIAKgAyADgAQgBaLQocYXBwLmt1YmVy
        bmV0ZXMuaW8vbWFuYWdlZC1ieRINa3ViZWN0bC1kZWJ1ZxKcAQoSCglob3N0LXJvb3QSBQoDCgEvEk4KCGRlYnVnZ2VyEgxidXN5
        Ym94OjEuMzYqAEIAShgKCWhvc3Qtcm9vdBAAGgUvaG9zdCIAMgBqAHIAegIQAYABAIgBAJABAKIBBEZpbGUaBU5ldmVyMgBCAEoA
        UgZub2RlLTFYAWABaAGCAQCKAQCaAQCyAQ4KABIGRXhpc3RzGgAiAMIBABoTCgAaACIAKgAyAEoAWgByAIgBABoAIgA=
        """;

    /// <summary><c>helm install rel1 ./chart (chart with no templates): the release record, status pending-install</c> (POST /api/v1/namespaces/default/secrets, 580 bytes).</summary>
    public const string HelmInstallCreateRelease = """
        azhzAAoMCgJ2MRIGU2VjcmV0EqsECokBChpzaC5oZWxtLnJlbGVhc2UudjEucmVsMS52MRIAGgAiACoAMgA4AEIAWhcKCWNyZWF0
        ZWRBdBIKMTc5NTY3MTkzNFoMCgRuYW1lEgRyZWwxWg0KBW93bmVyEgRoZWxtWhkKBnN0YXR1cxIPcGVuZGluZy1pbnN0YWxsWgwK
        B3ZlcnNpb24SATESiAMKB3JlbGVhc2US/AJINHNJQUFBQUFBQUMvNVNRellyck1BeUZYNlZvN1FRN1NYT3AzK0R1eXl5NktTSldw
        bWJrSDJLbFF5bDk5eUZwcDJXWTFZQVdscEIxem5ldUVERVFXSmlJRFNqd2NVeGdyekQ2cWNqUlVlWjBJUWNXR3QzMGxURlYwKy8x
        MW5aYjIzWjErMi9YZG5yWDlRZFF3UGpIRDQ3S01Qa3NQa1d3OEQ5NjhjZ2JINHNnODJhT2pxWlB2SUNDSWloekFRdVpvdlB4dlhy
        c3dFM0JjTUpKRnNPQkJCMEtMdThIa3FPUVFNR1pwbkxYMExXcE5TakE3TitldzNPejNPRTBmSUNOTTdNQ29aQVpoY3IzNEl3OHY3
        b3luQ2pnenk0a0ozNFYxVnFiYXEyOTFuYXRCWGIwL0xydzJ2NFZrdDdXdXVsTXI5dGRmMWlNUGQwYnRYS1ZqTU1kYnNTWlphWEpm
        RGtHa2xOYWNpOEY0ZllWQUFELy84WnBGQ0xYQVFBQRoSaGVsbS5zaC9yZWxlYXNlLnYxGgAiAA==
        """;

    /// <summary><c>helm install rel1 ./chart: the release record marked deployed</c> (PUT /api/v1/namespaces/default/secrets/sh.helm.release.v1.rel1.v1, 558 bytes).</summary>
    public const string HelmInstallUpdateRelease = """
        azhzAAoMCgJ2MRIGU2VjcmV0EpUECoMBChpzaC5oZWxtLnJlbGVhc2UudjEucmVsMS52MRIAGgAiACoAMgA4AEIAWhgKCm1vZGlm
        aWVkQXQSCjE3OTU2NzE5MzRaDAoEbmFtZRIEcmVsMVoNCgVvd25lchIEaGVsbVoSCgZzdGF0dXMSCGRlcGxveWVkWgwKB3ZlcnNp
        b24SATES+AIKB3JlbGVhc2US7AJINHNJQUFBQUFBQUMvNVNRd1dyek1BekhYK1ZEWnpmSVNacVArZzEyTHp2MFVrU2lVRE01TnJG
        U0tLWHZQcHh1RFdPbmdRNldzSC8rLzNTSGlRS0RnNW5GZ2dFL2pSSGNIVVkvWnowUG5DVGVlQUFITmRiZHp0cGQzUjF4NzlxOWE5
        cXErWDlvV2p5MDNRa01DUDN4d2NDNW4zMVNIeWR3OERabEpaRi9mUXhKV0JrTVpDVmRNamg0VVI4Rytndk5XaElHVmhwSXFaeS9I
        QVlPRVF4Y2VjNVBLRmEyUWpCQXliKy9odGU2Y0NUMkgrQ21SY1NBY2toQ3l2bDdjQ1ZadGk3M0Z3NzBzd3R4VUw5K2lvaDJ0OVlS
        MGExVjdFWXZHMkc3L1dzcnVLK3dibTJIemFFN2xXQ3Y5TmFzWGpsUi81UWJhUkZkYlpMY3pvSDFFc3VpY3laNGZBWUFBUC8va1pT
        eFFzZ0JBQUE9GhJoZWxtLnNoL3JlbGVhc2UudjEaACIA
        """;

    /// <summary><c>helm uninstall rel1: the DeleteOptions body of the release Secret deletion</c> (DELETE /api/v1/namespaces/default/secrets/sh.helm.release.v1.rel1.v1, 31 bytes).</summary>
    public const string HelmUninstallDeleteOptions = """
        azhzAAoTCgJ2MRINRGVsZXRlT3B0aW9ucxIAGgAiAA==
        """;
}
