using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using MlPerfAudit.Core.Signing;

namespace MlPerfAudit.Functions.Functions;

/// <summary><c>GET api/keys</c>, anonymous: the public keys that verify reports, as a JWKS (current key first, retired keys after).</summary>
public sealed class GetKeys(SigningKeys keys)
{
    /// <summary>Answers the JWKS.</summary>
    [Function(nameof(GetKeys))]
    public IActionResult Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "keys")] HttpRequest req)
        => HttpAnswers.Answer(req, 200, "application/jwk-set+json", Encoding.UTF8.GetString(PublicKeyExport.ToJwks(keys.PublicKeys)));
}
