using Cordouan.Integration.Tests.Cluster;

namespace Cordouan.Integration.Tests.Ha;

/// <summary>The HA tests' own cluster "ha": n1, n2 and a witness, so that either hypervisor may die or be cut off.</summary>
public sealed class HaLab() : WitnessedPairLab("ha");
