namespace Cordouan.Access.Tickets;

/// <summary>A ticket whose signature and age checked out.</summary>
public sealed record VerifiedTicket(string UserId, DateTimeOffset IssuedAt);
