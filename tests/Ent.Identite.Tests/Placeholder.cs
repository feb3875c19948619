namespace Ent.Identite.Tests;
