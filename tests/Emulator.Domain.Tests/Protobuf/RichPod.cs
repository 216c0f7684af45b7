namespace Emulator.Domain.Tests.Protobuf;

/// <summary>
/// The Pod the recording server answered to kubectl's <c>GET pods/rich</c> before
/// <see cref="CapturedBodies.KubectlDebugPodCopy"/> was captured: kubectl decoded it into its Go types and
/// re-encoded the copy as protobuf, so the decoded copy must give this JSON back. Written the way Go's JSON
/// encoder would (no zero values behind omitempty, pointers kept) so that equality is exact.
/// </summary>
internal static class RichPod
{
    public const string Json = """
        {
          "apiVersion": "v1",
          "kind": "Pod",
          "metadata": {
            "name": "rich",
            "namespace": "default",
            "uid": "7f1c2d3e-0000-4000-8000-000000000001",
            "resourceVersion": "42",
            "creationTimestamp": "2026-01-02T03:04:05Z",
            "labels": {
              "app": "rich",
              "tier": "backend"
            },
            "annotations": {
              "note": "hello",
              "empty": ""
            }
          },
          "spec": {
            "volumes": [
              {
                "name": "cfg",
                "configMap": {
                  "name": "app-config",
                  "items": [
                    {
                      "key": "a.conf",
                      "path": "conf/a.conf",
                      "mode": 292
                    }
                  ],
                  "defaultMode": 420,
                  "optional": false
                }
              },
              {
                "name": "sec",
                "secret": {
                  "secretName": "app-secret",
                  "defaultMode": 256,
                  "optional": true
                }
              },
              {
                "name": "scratch",
                "emptyDir": {
                  "medium": "Memory",
                  "sizeLimit": "64Mi"
                }
              },
              {
                "name": "host",
                "hostPath": {
                  "path": "/var/log",
                  "type": "DirectoryOrCreate"
                }
              },
              {
                "name": "data",
                "persistentVolumeClaim": {
                  "claimName": "data-pvc",
                  "readOnly": true
                }
              },
              {
                "name": "proj",
                "projected": {
                  "sources": [
                    {
                      "serviceAccountToken": {
                        "audience": "vault",
                        "expirationSeconds": 3600,
                        "path": "token"
                      }
                    },
                    {
                      "configMap": {
                        "name": "app-config",
                        "items": [
                          {
                            "key": "b",
                            "path": "b"
                          }
                        ]
                      }
                    },
                    {
                      "downwardAPI": {
                        "items": [
                          {
                            "path": "labels",
                            "fieldRef": {
                              "apiVersion": "v1",
                              "fieldPath": "metadata.labels"
                            }
                          }
                        ]
                      }
                    },
                    {
                      "secret": {
                        "name": "app-secret",
                        "optional": false
                      }
                    }
                  ],
                  "defaultMode": 420
                }
              },
              {
                "name": "podinfo",
                "downwardAPI": {
                  "items": [
                    {
                      "path": "name",
                      "fieldRef": {
                        "fieldPath": "metadata.name"
                      }
                    },
                    {
                      "path": "mem",
                      "resourceFieldRef": {
                        "containerName": "main",
                        "resource": "limits.memory",
                        "divisor": "1Mi"
                      }
                    }
                  ]
                }
              },
              {
                "name": "inline-csi",
                "csi": {
                  "driver": "csi.example.com",
                  "readOnly": true,
                  "volumeAttributes": {
                    "size": "1"
                  },
                  "nodePublishSecretRef": {
                    "name": "csi-secret"
                  }
                }
              },
              {
                "name": "eph",
                "ephemeral": {
                  "volumeClaimTemplate": {
                    "metadata": {
                      "labels": {
                        "kind": "eph"
                      }
                    },
                    "spec": {
                      "accessModes": [
                        "ReadWriteOnce"
                      ],
                      "resources": {
                        "requests": {
                          "storage": "1Gi"
                        }
                      },
                      "storageClassName": "",
                      "volumeMode": "Filesystem"
                    }
                  }
                }
              },
              {
                "name": "nfs",
                "nfs": {
                  "server": "nfs.example.com",
                  "path": "/exports",
                  "readOnly": true
                }
              }
            ],
            "initContainers": [
              {
                "name": "init",
                "image": "busybox:1.36",
                "command": [
                  "sh",
                  "-c"
                ],
                "args": [
                  "echo init",
                  ""
                ],
                "resources": {},
                "restartPolicy": "Always"
              }
            ],
            "containers": [
              {
                "name": "main",
                "image": "nginx:1.25",
                "workingDir": "/srv",
                "ports": [
                  {
                    "name": "http",
                    "containerPort": 8080,
                    "protocol": "TCP"
                  },
                  {
                    "containerPort": 9090,
                    "hostPort": 19090,
                    "protocol": "UDP",
                    "hostIP": "0.0.0.0"
                  }
                ],
                "envFrom": [
                  {
                    "prefix": "CFG_",
                    "configMapRef": {
                      "name": "app-config"
                    }
                  },
                  {
                    "secretRef": {
                      "name": "app-secret",
                      "optional": true
                    }
                  }
                ],
                "env": [
                  {
                    "name": "PLAIN",
                    "value": "v"
                  },
                  {
                    "name": "EMPTY"
                  },
                  {
                    "name": "POD_NAME",
                    "valueFrom": {
                      "fieldRef": {
                        "apiVersion": "v1",
                        "fieldPath": "metadata.name"
                      }
                    }
                  },
                  {
                    "name": "PASS",
                    "valueFrom": {
                      "secretKeyRef": {
                        "name": "app-secret",
                        "key": "password",
                        "optional": false
                      }
                    }
                  },
                  {
                    "name": "MODE",
                    "valueFrom": {
                      "configMapKeyRef": {
                        "name": "app-config",
                        "key": "mode"
                      }
                    }
                  },
                  {
                    "name": "CPU",
                    "valueFrom": {
                      "resourceFieldRef": {
                        "containerName": "main",
                        "resource": "requests.cpu",
                        "divisor": "1m"
                      }
                    }
                  }
                ],
                "resources": {
                  "limits": {
                    "cpu": "500m",
                    "memory": "128Mi"
                  },
                  "requests": {
                    "cpu": "250m",
                    "memory": "64Mi"
                  }
                },
                "volumeMounts": [
                  {
                    "name": "cfg",
                    "readOnly": true,
                    "mountPath": "/etc/app",
                    "subPath": "conf"
                  },
                  {
                    "name": "host",
                    "mountPath": "/host/log",
                    "mountPropagation": "HostToContainer"
                  },
                  {
                    "name": "scratch",
                    "mountPath": "/tmp",
                    "subPathExpr": "$(POD_NAME)"
                  }
                ],
                "livenessProbe": {
                  "httpGet": {
                    "path": "/healthz",
                    "port": 8080,
                    "scheme": "HTTP",
                    "httpHeaders": [
                      {
                        "name": "X-Probe",
                        "value": "1"
                      }
                    ]
                  },
                  "initialDelaySeconds": 5,
                  "timeoutSeconds": 1,
                  "periodSeconds": 10,
                  "successThreshold": 1,
                  "failureThreshold": 3
                },
                "readinessProbe": {
                  "tcpSocket": {
                    "port": "http"
                  },
                  "periodSeconds": 5
                },
                "startupProbe": {
                  "exec": {
                    "command": [
                      "cat",
                      "/tmp/ready"
                    ]
                  },
                  "failureThreshold": 30,
                  "terminationGracePeriodSeconds": 0
                },
                "lifecycle": {
                  "postStart": {
                    "exec": {
                      "command": [
                        "sh",
                        "-c",
                        "true"
                      ]
                    }
                  },
                  "preStop": {
                    "sleep": {
                      "seconds": 5
                    }
                  }
                },
                "terminationMessagePath": "/dev/termination-log",
                "terminationMessagePolicy": "FallbackToLogsOnError",
                "imagePullPolicy": "IfNotPresent",
                "securityContext": {
                  "capabilities": {
                    "add": [
                      "NET_BIND_SERVICE"
                    ],
                    "drop": [
                      "ALL"
                    ]
                  },
                  "privileged": false,
                  "runAsUser": 1000,
                  "runAsNonRoot": true,
                  "readOnlyRootFilesystem": true,
                  "allowPrivilegeEscalation": false,
                  "seccompProfile": {
                    "type": "RuntimeDefault"
                  }
                },
                "stdin": true,
                "tty": true
              },
              {
                "name": "grpc",
                "image": "example.com/grpc:v1",
                "resources": {},
                "livenessProbe": {
                  "grpc": {
                    "port": 9000,
                    "service": ""
                  }
                }
              }
            ],
            "restartPolicy": "Always",
            "terminationGracePeriodSeconds": 0,
            "dnsPolicy": "ClusterFirst",
            "nodeSelector": {
              "disktype": "ssd"
            },
            "serviceAccountName": "runner",
            "automountServiceAccountToken": false,
            "nodeName": "node-1",
            "securityContext": {
              "runAsUser": 1000,
              "runAsGroup": 3000,
              "runAsNonRoot": true,
              "supplementalGroups": [
                4000,
                5000
              ],
              "fsGroup": 2000,
              "sysctls": [
                {
                  "name": "net.ipv4.ip_local_port_range",
                  "value": "1024 65535"
                }
              ],
              "fsGroupChangePolicy": "OnRootMismatch",
              "seccompProfile": {
                "type": "Localhost",
                "localhostProfile": "profiles/audit.json"
              }
            },
            "imagePullSecrets": [
              {
                "name": "regcred"
              }
            ],
            "hostname": "rich-host",
            "subdomain": "svc",
            "affinity": {
              "nodeAffinity": {
                "requiredDuringSchedulingIgnoredDuringExecution": {
                  "nodeSelectorTerms": [
                    {
                      "matchExpressions": [
                        {
                          "key": "zone",
                          "operator": "In",
                          "values": [
                            "a",
                            "b"
                          ]
                        }
                      ]
                    }
                  ]
                },
                "preferredDuringSchedulingIgnoredDuringExecution": [
                  {
                    "weight": 1,
                    "preference": {
                      "matchFields": [
                        {
                          "key": "metadata.name",
                          "operator": "NotIn",
                          "values": [
                            "node-9"
                          ]
                        }
                      ]
                    }
                  }
                ]
              },
              "podAffinity": {
                "preferredDuringSchedulingIgnoredDuringExecution": [
                  {
                    "weight": 50,
                    "podAffinityTerm": {
                      "labelSelector": {
                        "matchLabels": {
                          "app": "cache"
                        }
                      },
                      "topologyKey": "kubernetes.io/hostname",
                      "namespaceSelector": {}
                    }
                  }
                ]
              },
              "podAntiAffinity": {
                "requiredDuringSchedulingIgnoredDuringExecution": [
                  {
                    "labelSelector": {
                      "matchExpressions": [
                        {
                          "key": "app",
                          "operator": "Exists"
                        }
                      ]
                    },
                    "namespaces": [
                      "default"
                    ],
                    "topologyKey": "topology.kubernetes.io/zone",
                    "matchLabelKeys": [
                      "pod-template-hash"
                    ]
                  }
                ]
              }
            },
            "schedulerName": "default-scheduler",
            "tolerations": [
              {
                "key": "dedicated",
                "operator": "Equal",
                "value": "gpu",
                "effect": "NoExecute",
                "tolerationSeconds": 300
              },
              {
                "operator": "Exists"
              }
            ],
            "hostAliases": [
              {
                "ip": "10.0.0.1",
                "hostnames": [
                  "db.local",
                  "cache.local"
                ]
              }
            ],
            "priorityClassName": "high",
            "priority": 0,
            "dnsConfig": {
              "nameservers": [
                "1.1.1.1"
              ],
              "searches": [
                "svc.cluster.local"
              ],
              "options": [
                {
                  "name": "ndots",
                  "value": "2"
                },
                {
                  "name": "edns0"
                }
              ]
            },
            "readinessGates": [
              {
                "conditionType": "example.com/ready"
              }
            ],
            "enableServiceLinks": false,
            "preemptionPolicy": "PreemptLowerPriority",
            "topologySpreadConstraints": [
              {
                "maxSkew": 1,
                "topologyKey": "topology.kubernetes.io/zone",
                "whenUnsatisfiable": "DoNotSchedule",
                "labelSelector": {
                  "matchLabels": {
                    "app": "rich"
                  }
                },
                "minDomains": 2,
                "nodeAffinityPolicy": "Honor",
                "matchLabelKeys": [
                  "pod-template-hash"
                ]
              }
            ],
            "setHostnameAsFQDN": false,
            "os": {
              "name": "linux"
            }
          },
          "status": {
            "phase": "Running",
            "podIP": "10.1.2.3",
            "startTime": "2026-01-02T03:04:06Z"
          }
        }
        """;
}
