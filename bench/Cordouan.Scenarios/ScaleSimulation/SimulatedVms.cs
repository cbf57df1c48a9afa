using System.Globalization;
using System.Text.Json;
using Cordouan.Core.Cluster;
using Cordouan.Core.Ids;
using Cordouan.Node;
using Cordouan.Node.Vms;

namespace Cordouan.Scenarios.ScaleSimulation;

/// <summary>
/// VM documents of the shape cordouand stores after a create (disk, NIC with MAC, SMBIOS uuid, vmgenid, meta), written
/// straight into etcd in create-only transactions and deleted the same way.
/// </summary>
public sealed class SimulatedVms(IClusterStore store)
{
    /// <summary>A stopped VM owned by <paramref name="owner"/>, as serialized by the daemon.</summary>
    public static byte[] Document(int vmid, string owner, long createdAt)
    {
        var id = vmid.ToString(CultureInfo.InvariantCulture);
        var document = new VmDocument
        {
            VmId = vmid,
            Owner = owner,
            Config = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["name"] = $"sim-vm-{id}",
                ["memory"] = "2048",
                ["cores"] = "2",
                ["sockets"] = "1",
                ["ostype"] = "l26",
                ["scsihw"] = "virtio-scsi-pci",
                ["scsi0"] = $"local:{id}/vm-{id}-disk-0.qcow2,size=32G",
                ["net0"] = string.Create(CultureInfo.InvariantCulture, $"virtio=BC:24:11:{(vmid >> 16) & 0xff:X2}:{(vmid >> 8) & 0xff:X2}:{vmid & 0xff:X2},bridge=vmbr0"),
                ["boot"] = "order=scsi0;net0",
                ["smbios1"] = $"uuid={Guid.NewGuid()}",
                ["vmgenid"] = Guid.NewGuid().ToString(),
                ["meta"] = string.Create(CultureInfo.InvariantCulture, $"creation-qemu=cordouan,ctime={createdAt}"),
            },
        };
        return JsonSerializer.SerializeToUtf8Bytes(document, StateJsonContext.Default.VmDocument);
    }

    /// <summary>Writes one document per VM id (owner i → <paramref name="owners"/>[i % count]); returns the bytes written (keys and values).</summary>
    public async Task<long> WriteAsync(
        IReadOnlyList<int> vmids, IReadOnlyList<string> owners, int batchSize, int parallelism, CancellationToken cancellationToken)
    {
        var createdAt = TimeProvider.System.GetUtcNow().ToUnixTimeSeconds();
        long bytes = 0;
        var batches = vmids.Select((vmid, i) => (VmId: vmid, Owner: owners[i % owners.Count])).Chunk(batchSize);
        await Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken }, async (batch, ct) =>
        {
            var puts = batch.Select(vm => new TxnOp.Put(ClusterKeys.Vm(new VmId(vm.VmId)), Document(vm.VmId, vm.Owner, createdAt))).ToList();
            var result = await store.TransactAsync([.. puts.Select(p => TxnCompare.Absent(p.Key))], puts, ct);
            if (!result.Succeeded)
            {
                throw new InvalidOperationException($"VM ids {batch[0].VmId}..{batch[^1].VmId}: at least one already exists in etcd");
            }
            Interlocked.Add(ref bytes, puts.Sum(p => (long)p.Key.Length + p.Value.Length));
        });
        return bytes;
    }

    /// <summary>Deletes the documents written by <see cref="WriteAsync"/>.</summary>
    public async Task DeleteAsync(IReadOnlyList<int> vmids, int batchSize, int parallelism, CancellationToken cancellationToken) =>
        await Parallel.ForEachAsync(vmids.Chunk(batchSize), new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken }, async (batch, ct) =>
            await store.TransactAsync([], [.. batch.Select(vmid => new TxnOp.Delete(ClusterKeys.Vm(new VmId(vmid))))], ct));
}
