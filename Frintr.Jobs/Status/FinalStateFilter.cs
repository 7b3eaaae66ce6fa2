using Frintr.Jobs.Contracts;
using Hangfire.States;
using Hangfire.Storage;

namespace Frintr.Jobs.Status;

/// <summary>When Hangfire gives up on a mosaic job (failed after its retries, or deleted by an admin) without
/// the job itself having said so, the status board still learns of it: nobody should wait on
/// "Waiting for a free worker…" for ever. Written in the same transaction as the state change.</summary>
public sealed class FinalStateFilter : IApplyStateFilter
{
    public void OnStateApplied(ApplyStateContext context, IWriteOnlyTransaction transaction)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(transaction);
        var error = context.NewState switch
        {
            FailedState => "Something went wrong on our side while making this mosaic. Please try again.",
            DeletedState => "This mosaic was cancelled before it could be made. Please submit it again.",
            _ => null,
        };
        if (error is null || context.BackgroundJob.Job?.Args is not [MosaicRequest request, ..])
            return;

        // A completion note on disk, if the job wrote one, still has the final word (the status reader reads it first).
        MosaicStatusBoard.WriteFinished(transaction, request.MosaicId, MosaicState.Failed, error);
    }

    public void OnStateUnapplied(ApplyStateContext context, IWriteOnlyTransaction transaction)
    {
    }
}
