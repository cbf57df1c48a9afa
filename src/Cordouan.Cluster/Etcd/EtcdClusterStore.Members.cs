using Cordouan.Cluster.Etcd.Wire;

namespace Cordouan.Cluster.Etcd;

/// <summary>etcd membership calls (<c>/v3/cluster/member/*</c>), used when nodes join and leave.</summary>
public sealed partial class EtcdClusterStore
{
    public async Task<IReadOnlyList<EtcdMemberInfo>> ListMembersAsync(CancellationToken cancellationToken)
    {
        var response = await _transport.PostAsync(
            "v3/cluster/member/list", new MemberListRequest(), Json.MemberListRequest, Json.MemberListResponse, EtcdCallKind.Idempotent, cancellationToken);
        return ToMembers(response.Members);
    }

    /// <summary>
    /// Adds a learner that will start with <c>--initial-cluster-state=existing</c> (a learner does not vote, so adding
    /// it never costs quorum); returns it and the new member list. <see cref="PromoteMemberAsync"/> makes it vote.
    /// </summary>
    public async Task<(EtcdMemberInfo Added, IReadOnlyList<EtcdMemberInfo> Members)> AddLearnerAsync(string peerUrl, CancellationToken cancellationToken)
    {
        var response = await _transport.PostAsync(
            "v3/cluster/member/add", new MemberAddRequest { PeerUrls = [peerUrl], IsLearner = true }, Json.MemberAddRequest, Json.MemberListResponse, EtcdCallKind.Write, cancellationToken);
        var added = response.Member is { } member ? ToMember(member) : throw new EtcdRequestException(_transport.PreferredEndpoint, 2, "member add returned no member");
        return (added, ToMembers(response.Members));
    }

    public async Task RemoveMemberAsync(ulong id, CancellationToken cancellationToken)
    {
        await _transport.PostAsync(
            "v3/cluster/member/remove", new MemberRemoveRequest { Id = id }, Json.MemberRemoveRequest, Json.MemberListResponse, EtcdCallKind.Write, cancellationToken);
    }

    /// <summary>Makes a learner a voting member; etcd refuses (an <see cref="EtcdRequestException"/>) until it has caught up.</summary>
    public async Task PromoteMemberAsync(ulong id, CancellationToken cancellationToken)
    {
        await _transport.PostAsync(
            "v3/cluster/member/promote", new MemberRemoveRequest { Id = id }, Json.MemberRemoveRequest, Json.MemberListResponse, EtcdCallKind.Write, cancellationToken);
    }

    private static List<EtcdMemberInfo> ToMembers(IReadOnlyList<MemberWire>? members) => members is null ? [] : [.. members.Select(ToMember)];

    private static EtcdMemberInfo ToMember(MemberWire member) =>
        new(member.Id, member.Name ?? "", member.PeerUrls ?? [], member.ClientUrls ?? [], member.IsLearner);
}
