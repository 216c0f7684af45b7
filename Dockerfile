# Multi-stage build of the emulator. The runtime image runs it as a plain process; state lives in /data (a volume).
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY Directory.Build.props Directory.Packages.props Emulator.sln ./
COPY src/ src/
RUN dotnet publish src/Api -c Release -o /app --nologo

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app ./
VOLUME /data
# 6443: HTTPS API (bound on all container addresses so the published port reaches it); 8080: plain HTTP API;
# 10053: DNS. NodePorts (30000-32767) and ClusterIPs live on the container's loopback: reach them from the
# toolbox service, which shares this network namespace.
EXPOSE 6443 8080 10053/udp 10053/tcp
ENTRYPOINT ["dotnet", "Emulator.Api.dll", "--data-dir", "/data", "--bind-address", "0.0.0.0"]
