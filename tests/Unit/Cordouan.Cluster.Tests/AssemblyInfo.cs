using Cordouan.Testing;

// One etcd for every test that does not stop or restart it; those start their own.
[assembly: AssemblyFixture(typeof(EtcdFixture))]
