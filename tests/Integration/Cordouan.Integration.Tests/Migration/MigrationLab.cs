using Cordouan.Integration.Tests.Cluster;

namespace Cordouan.Integration.Tests.Migration;

/// <summary>The migration tests' own cluster "mig": n1, n2 and a witness.</summary>
public sealed class MigrationLab() : WitnessedPairLab("mig");
