using IOHFuse.MLNet.Model;
using TorchSharp;

namespace IOHFuse.MLNet.Tests.Model;

[TestClass]
public sealed class CallingThreadScopeTests
{
    /// <summary>Inside the scope the calling thread runs libtorch on one thread; another thread keeps the count it
    /// inherits, and the calling thread gets its own count back afterwards.</summary>
    [TestMethod]
    public void TestScopeChangesOnlyTheCallingThreadAndRestoresIt()
    {
        if (!CallingThreadScope.IsSupported)
            Assert.Inconclusive("This libtorch build does not export omp_set_num_threads: the scope does nothing here.");
        int original = torch.get_num_threads();
        torch.set_num_threads(2);
        try
        {
            int inside, otherThread = 0;
            using (CallingThreadScope.Enter())
            {
                inside = torch.get_num_threads();
                var other = new Thread(() => otherThread = torch.get_num_threads());
                other.Start();
                other.Join();
            }
            Assert.AreEqual(1, inside, "the calling thread runs on one thread inside the scope");
            Assert.AreEqual(2, otherThread, "a thread started inside the scope keeps the process's count");
            Assert.AreEqual(2, torch.get_num_threads(), "the calling thread gets its count back");
        }
        finally
        {
            torch.set_num_threads(original);
        }
    }
}
