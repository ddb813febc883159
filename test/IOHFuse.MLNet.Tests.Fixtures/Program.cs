using IOHFuse.MLNet.Tests.Fixtures;

// Writes test/IOHFuse.MLNet.Tests/TestData/ModelV1: model.zip (a small featurizer + IOHFuseLM chain saved with the
// state formats of library version 1) and expected.tsv (input windows with the scores the saved model gave for them
// when it was written). SavedModelV1Tests checks that every later version of the library still loads that file and
// scores those windows the same. Run it only to create the fixture for a new format version, never to "fix" a failing
// test: a failure means saved models no longer load as they did.
//
//   dotnet run -c Release --project test/IOHFuse.MLNet.Tests.Fixtures -- test/IOHFuse.MLNet.Tests/TestData/ModelV1
if (args.Length != 1)
{
    Console.Error.WriteLine("usage: IOHFuse.MLNet.Tests.Fixtures OUTPUT_FOLDER");
    return 2;
}
ModelV1Fixture.Write(args[0], Console.Out);
return 0;
