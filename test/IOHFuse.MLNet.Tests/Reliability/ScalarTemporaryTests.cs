using System.Collections.Immutable;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;
using IOHFuse.MLNet.Training;

namespace IOHFuse.MLNet.Tests.Reliability;

/// <summary>
/// TorchSharp 0.107 hands libtorch only the handle of a Scalar, so a number turned into a Scalar for one call can be
/// finalised mid-call (docs/reliability.md). The library therefore never uses a Tensor operator with a number
/// (<c>t * 0.5</c>, <c>80 - t</c>) nor an implicit number-to-Scalar conversion; it writes <c>t.Times(0.5)</c> and the other
/// KeptScalars helpers. This test reads the compiled library's metadata, so a new use anywhere fails here by name.
/// </summary>
[TestClass]
public sealed class ScalarTemporaryTests
{
    [TestMethod]
    public void TestTheLibraryNeverTurnsANumberIntoATemporaryScalar()
    {
        string path = typeof(IohFuseLMTrainer).Assembly.Location;
        using var stream = File.OpenRead(path);
        using var pe = new PEReader(stream);
        var reader = pe.GetMetadataReader();
        var offending = new List<string>();
        foreach (var handle in reader.MemberReferences)
        {
            var member = reader.GetMemberReference(handle);
            if (member.Parent.Kind != HandleKind.TypeReference)
                continue;
            string type = reader.GetString(reader.GetTypeReference((TypeReferenceHandle)member.Parent).Name);
            string name = reader.GetString(member.Name);
            if (!name.StartsWith("op_", StringComparison.Ordinal) || member.GetKind() != MemberReferenceKind.Method)
                continue;
            var signature = member.DecodeMethodSignature(new TypeNames(reader), null);
            // Tensor.op_Implicit(number) makes a 0-d Tensor, not a Scalar: the surrounding dispose scope roots it.
            bool numberOperand = type == "Tensor" && name != "op_Implicit" && signature.ParameterTypes.Any(p => p != "Tensor");
            bool implicitScalar = type == "Scalar" && name == "op_Implicit";
            if (numberOperand || implicitScalar)
                offending.Add($"{type}.{name}({string.Join(", ", signature.ParameterTypes)})");
        }
        Assert.IsEmpty(offending, "Tensor-with-number operators or implicit Scalars in the library (use KeptScalars): " + string.Join("; ", offending.Distinct()));
    }

    [TestMethod]
    public void TestTheCheckSeesATensorWithNumberOperator()
    {
        // The check must be able to fail: this test assembly itself uses `tensor * 2.0` below.
        using var t = TorchSharp.torch.ones(2);
        using var doubled = t * 2.0;
        using var stream = File.OpenRead(typeof(ScalarTemporaryTests).Assembly.Location);
        using var pe = new PEReader(stream);
        var reader = pe.GetMetadataReader();
        bool seen = reader.MemberReferences.Select(reader.GetMemberReference)
            .Any(m => m.Parent.Kind == HandleKind.TypeReference && reader.GetString(m.Name) == "op_Multiply"
                && reader.GetString(reader.GetTypeReference((TypeReferenceHandle)m.Parent).Name) is "Tensor" or "Scalar");
        Assert.IsTrue(seen);
        Assert.AreEqual(2f, doubled[0].item<float>());
    }

    /// <summary>Type names only: enough to tell a Tensor parameter from a number or Scalar.</summary>
    private sealed class TypeNames(MetadataReader reader) : ISignatureTypeProvider<string, object?>
    {
        public string GetPrimitiveType(PrimitiveTypeCode typeCode) => typeCode.ToString();
        public string GetTypeFromDefinition(MetadataReader r, TypeDefinitionHandle handle, byte rawTypeKind) => r.GetString(r.GetTypeDefinition(handle).Name);
        public string GetTypeFromReference(MetadataReader r, TypeReferenceHandle handle, byte rawTypeKind) => reader.GetString(reader.GetTypeReference(handle).Name);
        public string GetSZArrayType(string elementType) => elementType + "[]";
        public string GetArrayType(string elementType, ArrayShape shape) => elementType + "[,]";
        public string GetByReferenceType(string elementType) => elementType + "&";
        public string GetPointerType(string elementType) => elementType + "*";
        public string GetPinnedType(string elementType) => elementType;
        public string GetGenericInstantiation(string genericType, ImmutableArray<string> typeArguments) => genericType;
        public string GetGenericMethodParameter(object? genericContext, int index) => "!!" + index;
        public string GetGenericTypeParameter(object? genericContext, int index) => "!" + index;
        public string GetFunctionPointerType(MethodSignature<string> signature) => "fnptr";
        public string GetModifiedType(string modifier, string unmodifiedType, bool isRequired) => unmodifiedType;
        public string GetTypeFromSpecification(MetadataReader r, object? genericContext, TypeSpecificationHandle handle, byte rawTypeKind) => "spec";
    }
}
