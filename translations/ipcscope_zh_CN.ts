<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ChartExport</name>
    <message>
        <location filename="../widgets/ChartExport.cpp" line="+54"/>
        <source>%1 already exists</source>
        <translation>%1 已存在</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+6"/>
        <location line="+5"/>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <location line="+262"/>
        <location line="+54"/>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location line="-54"/>
        <location line="+54"/>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <location line="-29"/>
        <source>duration</source>
        <translation>时长</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>processes</source>
        <translation>进程数</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>operations</source>
        <translation>操作数</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>expected value</source>
        <translation>预期值</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>actual value</source>
        <translation>实际值</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>lost updates</source>
        <translation>丢失的更新</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>overlapping windows</source>
        <translation>重叠的读-改-写窗口</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>items produced</source>
        <translation>生产的条目</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>items consumed</source>
        <translation>消费的条目</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>lost</source>
        <translation>丢失</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>duplicated</source>
        <translation>重复</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>phantom</source>
        <translation>凭空出现</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>left in queue</source>
        <translation>留在队列中</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>deepest</source>
        <translation>最大深度</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 of %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>every item got once (the workers&apos; own count)</source>
        <translation>每个物品都恰好取出一次（工作进程自己的计数）</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1: acquisitions</source>
        <translation>%1：获取次数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1: mean wait</source>
        <translation>%1：平均等待</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1: longest wait</source>
        <translation>%1：最长等待</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>put lock</source>
        <translation>放入锁</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>get lock</source>
        <translation>取出锁</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>lock</source>
        <translation>锁</translation>
    </message>
    <message>
        <location line="-8"/>
        <location line="+2"/>
        <source>%1 ms</source>
        <translation>%1 毫秒</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>events recorded</source>
        <translation>记录的事件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>events dropped</source>
        <translation>丢弃的事件</translation>
    </message>
    <message>
        <location line="+80"/>
        <source>ipcscope report: %1</source>
        <translation>ipcscope 报告：%1</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Scenario %1 · ran %2 s · exported %3 by ipcscope</source>
        <translation>场景 %1 · 运行 %2 秒 · 由 ipcscope 于 %3 导出</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Python equivalent: %1</source>
        <translation>对应的 Python 写法：%1</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Parameters</source>
        <translation>参数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Summary</source>
        <translation>汇总</translation>
    </message>
</context>
<context>
    <name>CommandLine</name>
    <message>
        <location filename="../app/CommandLine.cpp" line="+9"/>
        <source>usage:
  ipcscope [--scenario NAME|FILE | --open FILE.ipcscope] [--lang zh_CN|en]
  ipcscope --headless --scenario NAME|FILE [--set key=value]... [--duration SECONDS]
           [--export DIR] [--rate HZ]
  ipcscope --headless --open FILE.ipcscope [--export DIR]
  ipcscope --list-scenarios
  ipcscope --help | --version
--export DIR writes summary.json, samples.csv, events.csv, trace.json and
session.ipcscope into DIR, replacing files of those names only.
--open replays a saved session without launching any process.
exit codes: 0 ran, 2 bad input, 1 runtime failure</source>
        <translation>用法：
  ipcscope [--scenario 名称|文件 | --open 文件.ipcscope] [--lang zh_CN|en]
  ipcscope --headless --scenario 名称|文件 [--set 键=值]... [--duration 秒数]
           [--export 目录] [--rate 赫兹]
  ipcscope --headless --open 文件.ipcscope [--export 目录]
  ipcscope --list-scenarios
  ipcscope --help | --version
--export 目录 会把 summary.json、samples.csv、events.csv、trace.json 和
session.ipcscope 写入该目录，只替换这些名称的文件。
--open 回放已保存的会话，不启动任何进程。
退出码：0 正常运行，2 输入有误，1 运行时失败</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>%1 needs a value</source>
        <translation>%1 需要一个值</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>--duration: must be a number of seconds in (0, 86400], got &apos;%1&apos;</source>
        <translation>--duration：必须是 (0, 86400] 之间的秒数，实际为“%1”</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>--export: needs a directory</source>
        <translation>--export：需要一个目录</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>--open: needs a session file</source>
        <translation>--open：需要一个会话文件</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>--lang: must be zh_CN or en, got &apos;%1&apos;</source>
        <translation>--lang：必须是 zh_CN 或 en，实际为“%1”</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>--rate: must be 1..10000 Hz, got &apos;%1&apos;</source>
        <translation>--rate：必须是 1..10000 Hz，实际为“%1”</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>--after: must be a number of seconds in [0, 3600], got &apos;%1&apos;</source>
        <translation>--after：必须是 [0, 3600] 之间的秒数，实际为“%1”</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>--at: must be SECONDS:key=value, got &apos;%1&apos;</source>
        <translation>--at：格式必须是 秒数:键=值，实际为“%1”</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>unknown argument &apos;%1&apos;</source>
        <translation>未知参数“%1”</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>--open and --scenario exclude each other: a saved session has its own</source>
        <translation>--open 与 --scenario 不能同时使用：已保存的会话自带场景</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>--set, --duration and --rate do not apply to --open: it replays a saved session</source>
        <translation>--set、--duration 和 --rate 不适用于 --open：它回放的是已保存的会话</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>--headless needs --scenario NAME|FILE or --open FILE.ipcscope</source>
        <translation>--headless 需要 --scenario 名称|文件 或 --open 文件.ipcscope</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>--duration and --export go with --headless</source>
        <translation>--duration 和 --export 只能与 --headless 一起使用</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>--screenshot, --screenshot-views and --at go with the window</source>
        <translation>--screenshot、--screenshot-views 和 --at 只能用于窗口模式</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>--screenshot-views and --at go with --screenshot FILE</source>
        <translation>--screenshot-views 和 --at 需要与 --screenshot 文件 一起使用</translation>
    </message>
</context>
<context>
    <name>DataExport</name>
    <message>
        <location filename="../engine/DataExport.cpp" line="+19"/>
        <source>cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <location line="+333"/>
        <source>cannot create directory %1</source>
        <translation>无法创建目录 %1</translation>
    </message>
</context>
<context>
    <name>Headless</name>
    <message>
        <location filename="../app/HeadlessRun.cpp" line="+52"/>
        <source>cannot create export directory %1</source>
        <translation>无法创建导出目录 %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>export directory %1 is not writable</source>
        <translation>导出目录 %1 不可写</translation>
    </message>
</context>
<context>
    <name>Parameter</name>
    <message>
        <location filename="../engine/Scenario.cpp" line="+214"/>
        <source>Number of processes that increment the one shared counter. More processes collide more often.</source>
        <translation>给同一个共享计数器加 1 的进程数。进程越多，冲突越频繁。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>How many times each worker adds 1. Without losses the counter ends at workers × iterations; whatever is missing was lost.</source>
        <translation>每个工作进程加 1 的次数。没有丢失时，计数器最终等于 workers × iterations；少掉的部分就是丢失的更新。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Hold the counter&apos;s lock while reading, adding 1 and writing back. Switch it off to let the increments race and lose updates.</source>
        <translation>在读取、加 1、写回的整个过程中持有计数器的锁。关掉它，加法就会互相竞争，产生丢失的更新。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Pause between reading the shared value and writing it back. It widens the race window: without the lock, more updates are lost.</source>
        <translation>读取共享值与写回之间的停顿。它会加宽竞态窗口：没有锁时，丢失的更新会更多。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Share one counter between the processes. Off: each process increments its own copy of a plain variable, and the parent&apos;s value stays 0.</source>
        <translation>让各进程共享同一个计数器。关闭时：每个进程只给自己那份普通变量的副本加 1，父进程中的值始终为 0。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Number of processes that write into the shared array.</source>
        <translation>向共享数组写入的进程数。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Number of elements of the shared array. Fewer elements: the writers meet on the same element more often.</source>
        <translation>共享数组的元素个数。元素越少，写入的进程越常碰上同一个元素。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>How many element increments each worker makes, going round the array from its own starting element.</source>
        <translation>每个工作进程给元素加 1 的次数，从各自的起始元素开始，在数组中依次转圈。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Hold the array&apos;s lock for each read, add and write. Off: writes to the same element race and some are lost.</source>
        <translation>每次读取、加 1、写回时都持有数组的锁。关闭时：对同一元素的写入互相竞争，部分写入会丢失。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Pause between reading an element and writing it back: a wider race window.</source>
        <translation>读取元素与写回之间的停顿：竞态窗口更宽。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Number of processes that want to enter the section.</source>
        <translation>想要进入临界区的进程数。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>How many processes the semaphore lets in at once (its initial value).</source>
        <translation>信号量同时允许进入的进程数（即它的初始值）。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>How many times each worker enters the section.</source>
        <translation>每个工作进程进入临界区的次数。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Time a worker stays inside the section each time. Longer: more workers queue up for a permit.</source>
        <translation>工作进程每次在临界区内停留的时间。越长，排队等待许可证的工作进程就越多。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>A BoundedSemaphore: a release() without a matching acquire() is refused (Python raises ValueError). Off: a plain Semaphore accepts it and from then on lets one process more in.</source>
        <translation>使用 BoundedSemaphore：没有对应 acquire() 的 release() 会被拒绝（Python 抛出 ValueError）。关闭时：普通的 Semaphore 会接受它，从此多放一个进程进入。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The last worker to finish calls release() once more than it acquired: the bug a BoundedSemaphore catches.</source>
        <translation>最后一个结束的工作进程会比获取时多调用一次 release()：这正是 BoundedSemaphore 能发现的错误。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Processes that call wait() without a timeout: they sleep until the event is set.</source>
        <translation>调用不带超时的 wait() 的进程：它们一直睡眠，直到事件被设置。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Processes that call wait(timeout): they give up when the timeout passes before the event is set.</source>
        <translation>调用 wait(timeout) 的进程：如果事件被设置之前就已超时，它们就放弃等待。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The timed waiters&apos; timeout.</source>
        <translation>带超时的等待者的超时时间。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>When the setter process calls set(): every waiter still waiting is released at once.</source>
        <translation>设置者进程调用 set() 的时刻：所有仍在等待的进程会同时被放行。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>How many processes must arrive before any of them may pass.</source>
        <translation>必须有多少个进程到达屏障，其中任何一个才能通过。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>How many times each process works and then waits at the barrier: one generation per round.</source>
        <translation>每个进程“先工作、再在屏障处等待”的次数：每一轮对应屏障的一代。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Work before each arrival; the processes take 1×, 2× or 3× this long, so the fast ones wait for the slowest.</source>
        <translation>每次到达屏障之前的工作时间；各进程分别花费它的 1×、2× 或 3×，所以快的进程要等最慢的那个。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Processes that each need both locks, A and B, for every step.</source>
        <translation>每一步都需要同时持有 A、B 两把锁的进程。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Every second process takes B before A. Each can then hold the lock the other waits for: a deadlock. Off: everyone takes A first and no deadlock can form.</source>
        <translation>每隔一个进程先拿 B 再拿 A。于是每个进程都可能持有对方正在等待的锁：形成死锁。关闭时：所有进程都先拿 A，不会形成死锁。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Time between taking the first lock and asking for the second. Longer: the deadlock forms sooner.</source>
        <translation>拿到第一把锁到请求第二把锁之间的时间。越长，死锁形成得越快。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>How many times each process takes both locks.</source>
        <translation>每个进程获取两把锁的次数。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Processes that append items to the shared list and notify.</source>
        <translation>向共享列表追加物品并发出通知的进程。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Processes that wait on the condition until the list has an item, then pop it.</source>
        <translation>在条件变量上等待、直到列表中有物品再将其取出（pop）的进程。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>How many items each producer appends.</source>
        <translation>每个生产者追加的物品数。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Wake every waiting consumer for each item instead of one: all of them race for a single item.</source>
        <translation>每个物品都唤醒所有等待中的消费者，而不是只唤醒一个：它们会争抢同一个物品。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Check the list again after waking (while). Off: `if`, and a consumer woken for an item another one already took goes on with an empty list.</source>
        <translation>被唤醒后再次检查列表（while）。关闭时：改用 `if`，被唤醒的消费者即使要取的物品已被别的消费者拿走，也会带着空列表继续执行。</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+24"/>
        <source>Time a producer spends making each item.</source>
        <translation>生产者制作每个物品所花的时间。</translation>
    </message>
    <message>
        <location line="-21"/>
        <source>Time a consumer spends on each item it popped.</source>
        <translation>消费者处理每个取出的物品所花的时间。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Processes that put items and then call join(), which returns only when every item was marked done.</source>
        <translation>放入物品后调用 join() 的进程；只有每个物品都被标记为完成，join() 才会返回。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Daemon processes that get items and call task_done() for each; they are ended with the session, not by a sentinel.</source>
        <translation>取出物品并为每个物品调用 task_done() 的守护进程；它们随会话一同结束，而不是靠哨兵结束。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>How many items the queue holds before put() blocks.</source>
        <translation>队列在 put() 阻塞之前最多能容纳的物品数。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>How many items each producer puts before join().</source>
        <translation>每个生产者在调用 join() 之前放入的物品数。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Time a consumer works on an item before task_done(): join() waits for the slowest.</source>
        <translation>消费者在调用 task_done() 之前处理一个物品的时间：join() 要等最慢的那个。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>How many messages each end sends to the other, both ways at once.</source>
        <translation>每一端向另一端发送的消息数，两个方向同时进行。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Pause between two sends of one end.</source>
        <translation>同一端两次发送之间的停顿。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Client processes; every second one connects over TCP to 127.0.0.1, the others over the Unix-domain socket.</source>
        <translation>客户端进程；每隔一个通过 TCP 连接 127.0.0.1，其余的通过 Unix 域套接字连接。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>How many numbered messages each client sends.</source>
        <translation>每个客户端发送的编号消息数。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Pause between two messages of one client.</source>
        <translation>同一客户端两条消息之间的停顿。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Processes that change the manager&apos;s dict and list through proxies.</source>
        <translation>通过代理修改管理器中的字典和列表的进程。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Each round a client sets d[its id] = round and appends the round to the list: two requests, two round trips to the server process.</source>
        <translation>每一轮，客户端设置 d[自己的 id] = 轮次，并把轮次追加到列表中：两个请求，也就是与服务器进程往返两次。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Pause between two rounds of one client.</source>
        <translation>同一客户端两轮之间的停顿。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Processes that increment a shared counter under one lock.</source>
        <translation>在同一把锁的保护下给共享计数器加 1 的进程。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>How many increments each process makes.</source>
        <translation>每个进程加 1 的次数。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Time spent inside the lock for each increment: the holder is likely to be killed inside.</source>
        <translation>每次加 1 时在锁内停留的时间：持有者很可能在锁内被杀死。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>A robust mutex: when its holder dies, the next process to lock it is told so (EOWNERDEAD), repairs it and carries on. Off: a plain lock, held forever by the dead process, as with Python&apos;s Lock.</source>
        <translation>健壮互斥锁：持有者死亡后，下一个加锁的进程会得到通知（EOWNERDEAD），修复锁后继续运行。关闭时：普通的锁，会被已死亡的进程永远占着，和 Python 的 Lock 一样。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>When ipcscope kills the process holding the lock (0: never; you can kill one yourself).</source>
        <translation>ipcscope 杀死持有锁的进程的时刻（0：从不；你可以自己杀死一个）。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Number of processes that put items into the queue. More producers fill it faster.</source>
        <translation>向队列放入物品的进程数。生产者越多，队列填满得越快。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Number of processes that take items out of the queue; each stops at its sentinel. More consumers drain it faster.</source>
        <translation>从队列取出物品的进程数；每个消费者取到自己的哨兵后停止。消费者越多，队列清空得越快。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>How many items the queue holds before put() blocks. Small: producers wait for consumers; large: the queue absorbs bursts.</source>
        <translation>队列在 put() 阻塞之前最多能容纳的物品数。容量小：生产者要等消费者；容量大：队列能吸收突发的生产。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>How many items each producer puts. Every one of them must be taken out exactly once; the delivery audit checks it.</source>
        <translation>每个生产者放入的物品数。每个物品都必须恰好被取出一次；投递审计会检查这一点。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Guard the queue&apos;s buffer with its two locks: producers take the put lock, consumers the get lock. Switch them off to see concurrent put() calls lose items and concurrent get() calls deliver them twice.</source>
        <translation>用两把锁保护队列的缓冲区：生产者拿放入锁，消费者拿取出锁。关掉它们，就能看到并发的 put() 丢失物品、并发的 get() 重复投递物品。</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Pause inside put() and get() between reading the queue&apos;s indices and updating them. It widens the race window when the locks are off.</source>
        <translation>put() 和 get() 内部在读取队列下标与更新下标之间的停顿。关掉锁时，它会加宽竞态窗口。</translation>
    </message>
    <message>
        <location line="-10"/>
        <source>Time a producer spends making each item before put(). Raise it to make consumers wait on an empty queue.</source>
        <translation>生产者在 put() 之前制作每个物品所花的时间。调大它，消费者就会在空队列前等待。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Time a consumer spends on each item after get(). Raise it to fill the queue and make producers block on put().</source>
        <translation>消费者在 get() 之后处理每个物品所花的时间。调大它，队列会被填满，生产者会阻塞在 put() 上。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>put(item, timeout=…): give up after this long on a full queue (queue.Full is counted and the put retried). 0: wait as long as it takes.</source>
        <translation>put(item, timeout=…)：队列满时等待这么久后放弃（记一次 queue.Full，然后重试 put）。0：一直等下去。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>get(timeout=…): give up after this long on an empty queue (queue.Empty is counted and the get retried). 0: wait as long as it takes.</source>
        <translation>get(timeout=…)：队列空时等待这么久后放弃（记一次 queue.Empty，然后重试 get）。0：一直等下去。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>put_nowait() and get_nowait(): never block; Full and Empty are raised at once, counted, and the call retried a little later.</source>
        <translation>put_nowait() 和 get_nowait()：从不阻塞；Full 和 Empty 会立即抛出并被计数，稍后再重试这次调用。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Ask q.empty() / q.full() first and act on the answer with get_nowait() / put_nowait(). With several processes the answer is often stale by then: each time is counted.</source>
        <translation>先调用 q.empty() / q.full()，再根据结果调用 get_nowait() / put_nowait()。有多个进程时，到那时结果往往已经过时：每次过时都会被计数。</translation>
    </message>
</context>
<context>
    <name>Role</name>
    <message>
        <location filename="../engine/Recording.cpp" line="+573"/>
        <source>incrementer</source>
        <translation>自增进程</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>producer</source>
        <translation>生产者</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>consumer</source>
        <translation>消费者</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>array writer</source>
        <translation>数组写入者</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>semaphore user</source>
        <translation>信号量使用者</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>event waiter</source>
        <translation>事件等待者</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>event setter</source>
        <translation>事件设置者</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>barrier party</source>
        <translation>屏障参与者</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>two-lock worker</source>
        <translation>双锁工作进程</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>list producer</source>
        <translation>列表生产者</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>list consumer</source>
        <translation>列表消费者</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>pipe end</source>
        <translation>管道端</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>socket server</source>
        <translation>套接字服务器</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>socket client</source>
        <translation>套接字客户端</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>manager server</source>
        <translation>管理器服务器</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>manager client</source>
        <translation>管理器客户端</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>none</source>
        <translation>无</translation>
    </message>
</context>
<context>
    <name>Scenario</name>
    <message>
        <location filename="../engine/Scenario.cpp" line="-445"/>
        <location line="+640"/>
        <source>an array</source>
        <translation>一个数组</translation>
    </message>
    <message>
        <location line="-638"/>
        <source>an object</source>
        <translation>一个对象</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>nothing</source>
        <translation>空值</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>%1: must be %2..%3, got %4</source>
        <translation>%1：必须在 %2..%3 之间，实际为 %4</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1: must be an integer in %2..%3, got %4</source>
        <translation>%1：必须是 %2..%3 之间的整数，实际为 %4</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1: must be on or off, got %2</source>
        <translation>%1：必须是 on 或 off，实际为 %2</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>cannot read scenario file %1: it is a directory</source>
        <translation>无法读取场景文件 %1：它是一个目录</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+15"/>
        <source>cannot read scenario file %1: %2</source>
        <translation>无法读取场景文件 %1：%2</translation>
    </message>
    <message>
        <location line="-13"/>
        <source>cannot read scenario file %1: larger than %2 bytes, which is far more than a scenario needs</source>
        <translation>无法读取场景文件 %1：文件超过 %2 字节，远远超出一个场景所需</translation>
    </message>
    <message>
        <location line="+483"/>
        <source>built-in scenario %1: %2</source>
        <translation>内置场景 %1：%2</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>unknown scenario %1 (built-in: %2; or give a path to a JSON file)</source>
        <translation>未知场景 %1（内置场景：%2；也可以给出 JSON 文件的路径）</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>larger than %1 bytes, which is far more than a scenario needs</source>
        <translation>超过 %1 字节，远远超出一个场景所需</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>not valid JSON: %1 at offset %2</source>
        <translation>不是有效的 JSON：%1，位于偏移量 %2</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>a scenario must be a JSON object, got %1</source>
        <translation>场景必须是一个 JSON 对象，实际为%1</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1: unknown key (known: %2)</source>
        <translation>%1：未知的键（已知的键：%2）</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>format: must be a version number from 1 to %1, got %2</source>
        <translation>format：必须是 1 到 %1 之间的版本号，实际为 %2</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>format: version %1 is newer than this ipcscope understands (%2)</source>
        <translation>format：版本 %1 比这个 ipcscope 能理解的版本（%2）更新</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>kind: missing (one of: %1)</source>
        <translation>kind：缺失（可选值：%1）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>kind: must be one of %1, got %2</source>
        <translation>kind：必须是 %1 之一，实际为 %2</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>%1: must be a string, got %2</source>
        <translation>%1：必须是字符串，实际为 %2</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>parameters: must be an object, got %1</source>
        <translation>parameters：必须是一个对象，实际为%1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>parameters.%1: unknown parameter of a %2 scenario (known: %3)</source>
        <translation>parameters.%1：%2 场景没有这个参数（已知参数：%3）</translation>
    </message>
    <message>
        <location line="+74"/>
        <source>expected key=value, got %1</source>
        <translation>应为 键=值 的形式，实际为 %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+20"/>
        <source>unknown key %1 for a %2 scenario (known: %3)</source>
        <translation>%2 场景没有键 %1（已知的键：%3）</translation>
    </message>
</context>
<context>
    <name>SessionFile</name>
    <message>
        <location filename="../engine/SessionFile.cpp" line="+171"/>
        <source>it ends too early</source>
        <translation>文件提前结束</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>a time that is not a number in %1</source>
        <translation>%1 中有一个不是数值的时间</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>worker %1 out of range in %2</source>
        <translation>%2 中的进程 %1 超出范围</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>%1 %2 cannot fit in what remains of the file</source>
        <translation>文件剩余部分容纳不下 %1 个 %2</translation>
    </message>
    <message>
        <location line="+58"/>
        <location line="+60"/>
        <source>folded counts out of range in %1</source>
        <translation>%1 中的折叠计数超出范围</translation>
    </message>
    <message>
        <location line="-31"/>
        <source>worker %1 appears twice</source>
        <translation>进程 %1 出现了两次</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>unknown role %1</source>
        <translation>未知角色 %1</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>unknown worker state %1</source>
        <translation>未知进程状态 %1</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>a negative count of race overlaps</source>
        <translation>竞争重叠的计数为负</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>%1 producers, more than a session can have</source>
        <translation>%1 个生产者，超过一个会话所能拥有的数量</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>the scenario&apos;s figures are not a JSON object</source>
        <translation>场景的统计数据不是 JSON 对象</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>lock figures for %1 locks expected</source>
        <translation>应有 %1 把锁的统计数据</translation>
    </message>
    <message>
        <location line="+55"/>
        <source>%1 is damaged: %2</source>
        <translation>%1 已损坏：%2</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>cannot open %1: %2</source>
        <translation>无法打开 %1：%2</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1 is not an ipcscope session file</source>
        <translation>%1 不是 ipcscope 会话文件</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>it ends inside its header</source>
        <translation>文件在文件头内就结束了</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 was written by a newer ipcscope (format %2, this one reads up to %3)</source>
        <translation>%1 由更新版本的 ipcscope 写入（格式 %2，本版本最多读取到 %3）</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>format version 0</source>
        <translation>格式版本为 0</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>it is cut short (%1 of %2 bytes)</source>
        <translation>文件被截断（%2 字节中只有 %1 字节）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 bytes too many</source>
        <translation>多出 %1 字节</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>cannot read %1: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>its checksum does not match</source>
        <translation>校验和不匹配</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>unknown flags %1</source>
        <translation>未知标志 %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+6"/>
        <source>its sizes do not agree</source>
        <translation>记录的大小互相矛盾</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>it cannot be uncompressed</source>
        <translation>无法解压缩</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>its scenario is invalid: %1</source>
        <translation>其中的场景无效：%1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 bytes follow the recording</source>
        <translation>记录之后还有 %1 字节</translation>
    </message>
</context>
<context>
    <name>Unit</name>
    <message>
        <location filename="../app/ScenarioForm.cpp" line="+23"/>
        <source>processes</source>
        <translation>个进程</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>increments</source>
        <translation>次</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>items</source>
        <translation>个物品</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>µs</source>
        <translation>微秒</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ms</source>
        <translation>毫秒</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>elements</source>
        <translation>个元素</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>writes</source>
        <translation>次写入</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>entries</source>
        <translation>次进入</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>rounds</source>
        <translation>轮</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>steps</source>
        <translation>步</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>messages</source>
        <translation>条消息</translation>
    </message>
</context>
<context>
    <name>WorkerState</name>
    <message>
        <location filename="../widgets/StateStyle.cpp" line="+58"/>
        <source>starting</source>
        <translation>启动中</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>working</source>
        <translation>工作中</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>waiting for lock</source>
        <translation>等待锁</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>holding lock</source>
        <translation>持有锁</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>blocked on put (full)</source>
        <translation>阻塞在 put（队列满）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>blocked on get (empty)</source>
        <translation>阻塞在 get（队列空）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>exited</source>
        <translation>已退出</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>killed</source>
        <translation>已被杀死</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>waiting for a permit</source>
        <translation>等待许可证</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>inside (holds a permit)</source>
        <translation>在临界区内（持有许可证）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>waiting for the event</source>
        <translation>等待事件</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>waiting at the barrier</source>
        <translation>在屏障处等待</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>waiting on the condition</source>
        <translation>等待条件变量</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>waiting in join()</source>
        <translation>在 join() 中等待</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>waiting for a message</source>
        <translation>等待消息</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
</context>
<context>
    <name>ipcscope::ExportDialog</name>
    <message>
        <location filename="../app/ExportDialog.cpp" line="+105"/>
        <source>Export to folder</source>
        <translation>导出到文件夹</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Folder:</source>
        <translation>文件夹(&amp;F)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Browse…</source>
        <translation>浏览(&amp;B)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Write:</source>
        <translation>写入：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Charts as &amp;PNG images</source>
        <translation>图表存为 PNG 图片(&amp;P)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Scale:</source>
        <translation>缩放(&amp;S)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pixels per screen pixel: 2 gives crisp slides</source>
        <translation>每个屏幕像素对应的像素数：2 倍可让幻灯片清晰</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Charts as S&amp;VG (vector)</source>
        <translation>图表存为 SVG（矢量）(&amp;V)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Charts as P&amp;DF (vector)</source>
        <translation>图表存为 PDF（矢量）(&amp;D)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Report: one PDF with every view, the parameters and the figures</source>
        <translation>报告(&amp;R)：一个包含所有视图、参数和数据的 PDF</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Data: summary.json, samples.csv, events.csv, trace.json, the session</source>
        <translation>数据(&amp;D)：summary.json、samples.csv、events.csv、trace.json 和会话文件</translation>
    </message>
</context>
<context>
    <name>ipcscope::LockTimelineView</name>
    <message>
        <location filename="../widgets/LockTimelineView.cpp" line="+36"/>
        <source>%1 ms</source>
        <translation>%1 毫秒</translation>
    </message>
    <message>
        <location line="+112"/>
        <location line="+354"/>
        <source>Wheel: zoom the time axis · drag: pan · double-click: show all
(while following, the wheel changes how many seconds are shown)</source>
        <translation>滚轮：缩放时间轴 · 拖动：平移 · 双击：显示全部
（跟随最新数据时，滚轮改变显示的秒数）</translation>
    </message>
    <message>
        <location line="-346"/>
        <source>Lock holders over time</source>
        <translation>锁持有者时间线</translation>
    </message>
    <message>
        <location line="+361"/>
        <location line="+16"/>
        <source>W%1 · %2</source>
        <translation>W%1 · %2</translation>
    </message>
    <message>
        <location line="+116"/>
        <source>Not started: press Start to launch the processes</source>
        <translation>尚未开始：按“开始”启动进程</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Lock held by dead W%1</source>
        <translation>锁被已死亡的 W%1 持有</translation>
    </message>
    <message numerus="yes">
        <location line="-24"/>
        <source>%n process(es) stuck waiting forever</source>
        <translation>
            <numerusform>%n 个进程永远卡在等待中</numerusform>
        </translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Lock off: the processes skip it, nobody holds it or waits for it</source>
        <translation>锁已关闭：进程跳过它，没有进程持有或等待它</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Lock held by W%1 · %2</source>
        <translation>锁被 W%1 · %2 持有</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Lock free</source>
        <translation>锁空闲</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>Semaphore: %n process(es) inside</source>
        <translation>
            <numerusform>信号量：临界区内有 %n 个进程</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No lock in this scenario: the rows show when each process is blocked</source>
        <translation>此场景没有锁：各行显示每个进程何时被阻塞</translation>
    </message>
    <message>
        <location line="-97"/>
        <source>holds</source>
        <translation>持有</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>waits</source>
        <translation>等待</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>blocked</source>
        <translation>阻塞</translation>
    </message>
    <message>
        <location line="+66"/>
        <source>Put lock held by dead W%1</source>
        <translation>放入锁被已死亡的 W%1 持有</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Put lock held by W%1</source>
        <translation>放入锁被 W%1 持有</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Put lock free</source>
        <translation>放入锁空闲</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>get lock held by dead W%1</source>
        <translation>取出锁被已死亡的 W%1 持有</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>get lock held by W%1</source>
        <translation>取出锁被 W%1 持有</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>get lock free</source>
        <translation>取出锁空闲</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Lock off: puts and gets skip their locks, nobody holds or waits for them</source>
        <translation>锁已关闭：放入和取出都跳过各自的锁，没有进程持有或等待它们</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Acquisitions %1 (put %2, get %3) · mean wait %4 · max wait %5</source>
        <translation>获取次数 %1（放入 %2，取出 %3）· 平均等待 %4 · 最长等待 %5</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Acquisitions %1 · mean wait %2 · max wait %3</source>
        <translation>获取次数 %1 · 平均等待 %2 · 最长等待 %3</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Entries %1 · mean wait for a permit %2 · max wait %3</source>
        <translation>进入次数 %1 · 平均等待许可证 %2 · 最长等待 %3</translation>
    </message>
    <message>
        <location line="+117"/>
        <source>No processes</source>
        <translation>没有进程</translation>
    </message>
    <message>
        <location line="+91"/>
        <source>stuck</source>
        <translation>卡住</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Who holds the lock and who waits for it appears here once the processes run.</source>
        <translation>进程运行后，这里会显示谁持有锁、谁在等待锁。</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
</context>
<context>
    <name>ipcscope::MainWindow</name>
    <message>
        <location filename="../app/MainWindow.cpp" line="+67"/>
        <source>idle</source>
        <translation>空闲</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>stopping</source>
        <translation>正在停止</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>finished</source>
        <translation>已结束</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>This scenario cannot be used:
%1</source>
        <translation>无法使用这个场景：
%1</translation>
    </message>
    <message>
        <location line="+449"/>
        <source>The last scenario could not be loaded again: %1</source>
        <translation>无法重新载入上次的场景：%1</translation>
    </message>
    <message>
        <location line="+38"/>
        <location line="+155"/>
        <location line="+736"/>
        <source>ipcscope — %1</source>
        <translation>ipcscope — %1</translation>
    </message>
    <message>
        <location line="-890"/>
        <source>ipcscope</source>
        <translation>ipcscope</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Session</source>
        <translation>会话(&amp;S)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Session toolbar</source>
        <translation>会话工具栏</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Scenario</source>
        <translation>场景</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Processes</source>
        <translation>进程</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Messages</source>
        <translation>消息</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Scenario:</source>
        <translation>场景(&amp;S)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The built-in scenarios, and the last JSON file opened</source>
        <translation>内置场景，以及最近打开的 JSON 文件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open JSON file…</source>
        <translation>打开 JSON 文件…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Load a scenario from a JSON file (Ctrl+O)</source>
        <translation>从 JSON 文件载入场景（Ctrl+O）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Parameters</source>
        <translation>参数</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Every worker process of the session. Right-click a row to kill or pause it.</source>
        <translation>本次会话的所有工作进程。右键单击一行可以杀死或暂停该进程。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Everything the session reported, with the session time</source>
        <translation>会话报告的所有消息，附带会话时间</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The latest message of the session</source>
        <translation>会话的最新消息</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>State of the session</source>
        <translation>会话状态</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Session time</source>
        <translation>会话时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>How often the sampler reads the shared memory</source>
        <translation>采样器读取共享内存的频率</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Events drained from the workers&apos; rings per second</source>
        <translation>每秒从工作进程的事件环形缓冲区中取出的事件数</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>&amp;Start</source>
        <translation>开始(&amp;S)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Launch the scenario&apos;s worker processes and start watching them (Space)</source>
        <translation>启动场景的工作进程并开始观察它们（空格键）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Resume</source>
        <translation>继续(&amp;R)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Pause</source>
        <translation>暂停(&amp;P)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Let the workers continue and the views follow again (Space)</source>
        <translation>让工作进程继续运行，视图重新跟随最新数据（空格键）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Freeze the workers and the picture, to zoom and pan (Space)</source>
        <translation>冻结工作进程和画面，以便缩放和平移（空格键）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>S&amp;top</source>
        <translation>停止(&amp;T)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ask every worker to stop, kill those that do not, and keep the recording</source>
        <translation>请求所有工作进程停止，杀死不肯停止的进程，并保留记录</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Kill worker</source>
        <translation>杀死工作进程(&amp;K)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kill the selected worker with SIGKILL: it cannot release a lock it holds</source>
        <translation>用 SIGKILL 杀死选中的工作进程：它无法释放自己持有的锁</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Resume &amp;worker</source>
        <translation>继续该进程(&amp;W)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Pause &amp;worker</source>
        <translation>暂停该进程(&amp;W)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Let the selected worker continue</source>
        <translation>让选中的工作进程继续运行</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pause only the selected worker; the others go on</source>
        <translation>只暂停选中的工作进程；其他进程继续运行</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add &amp;producer</source>
        <translation>添加生产者(&amp;P)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Launch one more producer process into the running queue session</source>
        <translation>向正在运行的队列会话再启动一个生产者进程</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add &amp;consumer</source>
        <translation>添加消费者(&amp;C)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Launch one more consumer process into the running queue session</source>
        <translation>向正在运行的队列会话再启动一个消费者进程</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Following</source>
        <translation>跟随最新(&amp;F)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Scroll the views with the newest data</source>
        <translation>视图随最新数据滚动</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show &amp;all</source>
        <translation>显示全部(&amp;A)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Fit the whole recording into the views</source>
        <translation>在视图中显示完整的记录</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Export…</source>
        <translation>导出(&amp;E)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Write the charts (PNG, SVG, PDF), a report and the data files into a folder</source>
        <translation>把图表（PNG、SVG、PDF）、报告和数据文件写入一个文件夹</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Save session…</source>
        <translation>保存会话(&amp;S)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save the recording and its scenario to one .ipcscope file, to reopen later</source>
        <translation>把记录及其场景保存为一个 .ipcscope 文件，以便日后重新打开</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open sa&amp;ved session…</source>
        <translation>打开已保存的会话(&amp;V)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show a saved .ipcscope session in the views, without launching any process</source>
        <translation>在视图中显示已保存的 .ipcscope 会话，不启动任何进程</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Open scenario file…</source>
        <translation>打开场景文件(&amp;O)…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Load a scenario from a JSON file</source>
        <translation>从 JSON 文件载入场景</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Stop the session and quit ipcscope</source>
        <translation>停止会话并退出 ipcscope</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;About ipcscope</source>
        <translation>关于 ipcscope(&amp;A)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>What ipcscope is and which version runs</source>
        <translation>ipcscope 是什么，以及正在运行的版本</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>About &amp;Qt</source>
        <translation>关于 Qt(&amp;Q)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>The Qt version ipcscope uses</source>
        <translation>ipcscope 使用的 Qt 版本</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show the interface in English</source>
        <translation>以英文显示界面</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show the interface in Simplified Chinese</source>
        <translation>以简体中文显示界面</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>&amp;Lock: on</source>
        <translation>锁：开(&amp;L)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Lock: off</source>
        <translation>锁：关(&amp;L)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Workers take the lock around every read-modify-write. Turn it off (L) to see the race.</source>
        <translation>工作进程在每次“读取—修改—写回”时都会加锁。关掉锁（L）就能看到竞态条件。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Workers skip the lock: updates and queue items are really lost. Turn it on (L) to stop the damage.</source>
        <translation>工作进程不再加锁：更新和队列物品真的会丢失。打开锁（L）即可阻止损坏继续。</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>The %1 translation is missing from this build.</source>
        <translation>此版本缺少%1翻译。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Stop the running session before choosing another scenario.</source>
        <translation>请先停止正在运行的会话，再选择其他场景。</translation>
    </message>
    <message>
        <location line="+46"/>
        <location filename="../app/WindowMain.cpp" line="+103"/>
        <source>Cannot open scenario</source>
        <translation>无法打开场景</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+759"/>
        <location filename="../app/WindowMain.cpp" line="+15"/>
        <source>%1

%2</source>
        <translation>%1

%2</translation>
    </message>
    <message>
        <location line="-750"/>
        <source>Open scenario</source>
        <translation>打开场景</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Scenario files (*.json);;All files (*)</source>
        <translation>场景文件 (*.json);;所有文件 (*)</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Python equivalent:</source>
        <translation>对应的 Python 写法：</translation>
    </message>
    <message>
        <location line="+60"/>
        <source>%1 set to %2</source>
        <translation>%1 已设为 %2</translation>
    </message>
    <message>
        <location line="+55"/>
        <source>Starting the workers…</source>
        <translation>正在启动工作进程…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Could not start: %1</source>
        <translation>无法启动：%1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cannot start the session</source>
        <translation>无法启动会话</translation>
    </message>
    <message numerus="yes">
        <location line="+14"/>
        <source>Session started: %1, %n worker(s)</source>
        <translation>
            <numerusform>会话已开始：%1，共 %n 个工作进程</numerusform>
        </translation>
    </message>
    <message>
        <location line="+58"/>
        <source>Session finished after %1 s</source>
        <translation>会话已结束，共运行 %1 秒</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>saved session</source>
        <translation>已保存的会话</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>t = %1 s</source>
        <translation>t = %1 秒</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>sampling %1 Hz</source>
        <translation>采样率 %1 Hz</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>%1 events/s</source>
        <translation>%1 事件/秒</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>dropped: %1</source>
        <translation>丢弃：%1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Events lost because a worker&apos;s ring was full (never hidden)</source>
        <translation>因工作进程的事件环形缓冲区已满而丢弃的事件（从不隐瞒）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 more events were drained but not kept (memory cap)</source>
        <translation>另有 %1 个事件已取出但未保存（内存上限）</translation>
    </message>
    <message>
        <location line="+80"/>
        <source>Worker %1 is not running.</source>
        <translation>工作进程 %1 没有在运行。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Worker %1 paused.</source>
        <translation>工作进程 %1 已暂停。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Worker %1 resumed.</source>
        <translation>工作进程 %1 已继续运行。</translation>
    </message>
    <message>
        <location line="+75"/>
        <source>Nothing to export yet: start a session or open a saved one.</source>
        <translation>尚无可导出的内容：请先开始一个会话或打开已保存的会话。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Cannot create the folder %1</source>
        <translation>无法创建文件夹 %1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1 already exists</source>
        <translation>%1 已存在</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>Exporting…</source>
        <translation>正在导出…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Export cancelled; the files written so far are complete.</source>
        <translation>导出已取消；已写入的文件都是完整的。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Writing the data files…</source>
        <translation>正在写入数据文件…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Writing %1…</source>
        <translation>正在写入 %1…</translation>
    </message>
    <message numerus="yes">
        <location line="+48"/>
        <source>and %n more</source>
        <translation>
            <numerusform>还有 %n 个</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Replace files?</source>
        <translation>替换文件？</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n file(s) in %1 already exist:</source>
        <translation>
            <numerusform>%1 中已有 %n 个文件：</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Replace them?</source>
        <translation>要替换它们吗？</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>Exported %n file(s) to %1</source>
        <translation>
            <numerusform>已导出 %n 个文件到 %1</numerusform>
        </translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Save chart as…</source>
        <translation>图表另存为…</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>PNG image (*.png)</source>
        <translation>PNG 图片 (*.png)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>SVG vector image (*.svg)</source>
        <translation>SVG 矢量图 (*.svg)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PDF document (*.pdf)</source>
        <translation>PDF 文档 (*.pdf)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Save chart as</source>
        <translation>图表另存为</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Replace file?</source>
        <translation>替换文件？</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 already exists. Replace it?</source>
        <translation>%1 已存在。要替换它吗？</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Cannot save the chart</source>
        <translation>无法保存图表</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Chart saved: %1</source>
        <translation>图表已保存：%1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Nothing to save yet: start a session first.</source>
        <translation>尚无可保存的内容：请先开始一个会话。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Session saved to %1</source>
        <translation>会话已保存到 %1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Stop the running session before opening a saved one.</source>
        <translation>请先停止正在运行的会话，再打开已保存的会话。</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Opened the saved session %1 (%2, %3 s, saved %4): no process runs</source>
        <translation>已打开保存的会话 %1（%2，%3 秒，保存于 %4）：没有进程在运行</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Save session</source>
        <translation>保存会话</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>ipcscope sessions (*.ipcscope)</source>
        <translation>ipcscope 会话 (*.ipcscope)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Cannot save the session</source>
        <translation>无法保存会话</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Open saved session</source>
        <translation>打开已保存的会话</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ipcscope sessions (*.ipcscope);;All files (*)</source>
        <translation>ipcscope 会话 (*.ipcscope);;所有文件 (*)</translation>
    </message>
    <message>
        <location line="+7"/>
        <location filename="../app/WindowMain.cpp" line="-1"/>
        <source>Cannot open session</source>
        <translation>无法打开会话</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>About ipcscope</source>
        <translation>关于 ipcscope</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&lt;h3&gt;ipcscope %1&lt;/h3&gt;&lt;p&gt;An oscilloscope for inter-process communication. Real processes share real queues and locks in shared memory; ipcscope watches them without disturbing them and draws what it sees.&lt;/p&gt;&lt;p&gt;The mechanisms are those the Python &lt;code&gt;multiprocessing&lt;/code&gt; tutorials teach: Queue, Lock, Value, sentinels, the lost update.&lt;/p&gt;&lt;p&gt;Qt %2, Boost.Interprocess.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;ipcscope %1&lt;/h3&gt;&lt;p&gt;进程间通信的示波器。真实的进程在共享内存中共享真实的队列和锁；ipcscope 在不打扰它们的情况下观察它们，并画出看到的一切。&lt;/p&gt;&lt;p&gt;这些机制正是 Python &lt;code&gt;multiprocessing&lt;/code&gt; 教程所讲的内容：队列（Queue）、锁（Lock）、共享值（Value）、哨兵、丢失的更新。&lt;/p&gt;&lt;p&gt;Qt %2，Boost.Interprocess。&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../app/WindowMain.cpp" line="-13"/>
        <source>%1

The default scenario is used instead.</source>
        <translation>%1

将改用默认场景。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Invalid setting</source>
        <translation>无效的设置</translation>
    </message>
</context>
<context>
    <name>ipcscope::MechanismView</name>
    <message>
        <location filename="../widgets/MechanismView.cpp" line="+102"/>
        <source>processes inside</source>
        <translation>临界区内的进程</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>arrived at the barrier</source>
        <translation>已到达屏障的进程</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>processes waiting for the event</source>
        <translation>等待事件的进程</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>messages in flight</source>
        <translation>在途消息</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>items in the list</source>
        <translation>列表中的物品</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>items in the queue</source>
        <translation>队列中的物品</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>lost writes</source>
        <translation>丢失的写入</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>increments made (all copies)</source>
        <translation>已完成的加 1 次数（所有副本合计）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>steps completed</source>
        <translation>已完成的步数</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>increments completed</source>
        <translation>已完成的加 1 次数</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>Semaphore permits</source>
        <translation>信号量许可证</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Barrier arrivals</source>
        <translation>屏障到达情况</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Event flag</source>
        <translation>事件标志</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Pipe: messages in flight</source>
        <translation>管道：在途消息</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sockets: messages in flight</source>
        <translation>套接字：在途消息</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Manager requests</source>
        <translation>管理器请求</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Wait-for graph</source>
        <translation>等待图</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The lock and its holder</source>
        <translation>锁及其持有者</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Shared array</source>
        <translation>共享数组</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Condition and its list</source>
        <translation>条件变量及其列表</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Unfinished tasks</source>
        <translation>未完成的任务</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Each process&apos;s own copy</source>
        <translation>各进程自己的副本</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+4"/>
        <source>Mechanism</source>
        <translation>机制</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1 of %2 permits in use · %3 waiting · most inside at once: %4</source>
        <translation>已用许可证 %1/%2 · 等待 %3 · 同时在临界区内最多：%4</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>BoundedSemaphore refused a release without acquire (ValueError)</source>
        <translation>BoundedSemaphore 拒绝了没有对应 acquire 的 release（ValueError）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the plain Semaphore accepted a release without acquire: one permit too many</source>
        <translation>普通的 Semaphore 接受了没有对应 acquire 的 release：多出了一个许可证</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>generation %1 · %2 of %3 arrived · generations completed: %4</source>
        <translation>第 %1 代 · 已到达 %2/%3 · 已完成的代数：%4</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>the event is set (at %1 s)</source>
        <translation>事件已设置（于 %1 秒）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the event is clear</source>
        <translation>事件未设置</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 waiting · released by set(): %2 · timed out: %3</source>
        <translation>等待中 %1 · 被 set() 放行：%2 · 已超时：%3</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>sent %1 · received %2 · in flight %3 · out of order %4 · closes seen %5</source>
        <translation>已发送 %1 · 已接收 %2 · 在途 %3 · 乱序 %4 · 检测到关闭 %5</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>requests %1 · round trip: mean %2 µs, p95 %3 µs · list length %4</source>
        <translation>请求 %1 · 往返耗时：平均 %2 微秒，p95 %3 微秒 · 列表长度 %4</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>no cycle: every wait ends</source>
        <translation>没有环：每次等待都会结束</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>DEADLOCK: a cycle formed at %1 s, detected at %2 s</source>
        <translation>死锁：环在 %1 秒形成，%2 秒检测到</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>robust mutex: %1 · recoveries: %2</source>
        <translation>健壮互斥锁：%1 · 恢复次数：%2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>on</source>
        <translation>开</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>off</source>
        <translation>关</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>lost writes: %1 · exact: %2</source>
        <translation>丢失的写入：%1 · 结果准确：%2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>list length %1 · waiting %2 · notifies %3 · wake-ups %4</source>
        <translation>列表长度 %1 · 等待 %2 · 通知 %3 · 唤醒 %4</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>woken to an empty list: %1 · went on without an item: %2</source>
        <translation>唤醒后列表为空：%1 · 没取到物品仍继续执行：%2</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>unfinished tasks %1 · task_done() calls %2 · join() returned: %3</source>
        <translation>未完成的任务 %1 · task_done() 调用 %2 次 · join() 已返回：%3</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>the parent&apos;s counter: %1</source>
        <translation>父进程的计数器：%1</translation>
    </message>
    <message>
        <location line="+72"/>
        <source>element</source>
        <translation>元素</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>process</source>
        <translation>进程</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>a filled token is a permit held by a process</source>
        <translation>实心圆点表示被某个进程持有的许可证</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>set</source>
        <translation>已设置</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>clear</source>
        <translation>未设置</translation>
    </message>
    <message>
        <location line="+105"/>
        <source>W%1 waits for lock %2</source>
        <translation>W%1 等待锁 %2</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>bars: actual per %1 · dashes: expected</source>
        <translation>柱形：每个%1的实际值 · 虚线：预期值</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>free</source>
        <translation>空闲</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>held by dead W%1</source>
        <translation>被已死亡的 W%1 持有</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>W%1</source>
        <translation>W%1</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>%1 (max %2)</source>
        <translation>%1（最大 %2）</translation>
    </message>
</context>
<context>
    <name>ipcscope::ProcessDiagramView</name>
    <message>
        <location filename="../widgets/ProcessDiagramView.cpp" line="+170"/>
        <source>Processes</source>
        <translation>进程</translation>
    </message>
    <message>
        <location line="+301"/>
        <location line="+687"/>
        <source>W%1 · %2</source>
        <translation>W%1 · %2</translation>
    </message>
    <message numerus="yes">
        <location line="-430"/>
        <source>%n process(es)</source>
        <translation>
            <numerusform>%n 个进程</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>lock on</source>
        <translation>锁：开</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>lock off</source>
        <translation>锁：关</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n dead</source>
        <translation>
            <numerusform>%n 个已死亡</numerusform>
        </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>not started: press Start</source>
        <translation>尚未开始：请按“开始”</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>lock held by dead W%1</source>
        <translation>锁被已死亡的 W%1 持有</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>put lock held by dead W%1</source>
        <translation>放入锁被已死亡的 W%1 持有</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>get lock held by dead W%1</source>
        <translation>取出锁被已死亡的 W%1 持有</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>%n waiting forever</source>
        <translation>
            <numerusform>%n 个永远在等待</numerusform>
        </translation>
    </message>
    <message>
        <location line="+18"/>
        <location line="+27"/>
        <source>shared state</source>
        <translation>共享状态</translation>
    </message>
    <message>
        <location line="-21"/>
        <source>counters (not shared: one per process)</source>
        <translation>计数器（不共享：每个进程一个）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>shared counter</source>
        <translation>共享计数器</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>shared array (sum)</source>
        <translation>共享数组（总和）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Semaphore(%1)</source>
        <translation>Semaphore(%1)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Event</source>
        <translation>Event</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Barrier(%1)</source>
        <translation>Barrier(%1)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>two locks</source>
        <translation>两把锁</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>pipe</source>
        <translation>管道</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>socket</source>
        <translation>套接字</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>manager process</source>
        <translation>管理器进程</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>%1 inside</source>
        <translation>临界区内 %1 个</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>set</source>
        <translation>已设置</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>not set</source>
        <translation>未设置</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 / %2 arrived</source>
        <translation>已到达 %1 / %2</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>%1 updates lost</source>
        <translation>丢失 %1 次更新</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>expected %1</source>
        <translation>预期 %1</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n waiting</source>
        <translation>
            <numerusform>%n 个在等待</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>generation %1</source>
        <translation>第 %1 代</translation>
    </message>
    <message>
        <location line="+170"/>
        <source>%1 / %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>queue · capacity %1</source>
        <translation>队列 · 容量 %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>shared list</source>
        <translation>共享列表</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n item(s)</source>
        <translation>
            <numerusform>%n 个物品</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>full: put() blocks</source>
        <translation>已满：put() 阻塞</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>empty: get() blocks</source>
        <translation>已空：get() 阻塞</translation>
    </message>
    <message>
        <location line="+96"/>
        <location line="+105"/>
        <source>W%1</source>
        <translation>W%1</translation>
    </message>
    <message>
        <location line="-97"/>
        <source>pid %1</source>
        <translation>pid %1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>pid —</source>
        <translation>pid —</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>not started</source>
        <translation>未启动</translation>
    </message>
    <message>
        <location line="-374"/>
        <source>lock off: nobody waits, updates race</source>
        <translation>锁已关闭：无人等待，更新互相竞争</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>lock off: puts race with puts, gets with gets</source>
        <translation>锁已关闭：放入与放入竞争，取出与取出竞争</translation>
    </message>
    <message>
        <location line="+412"/>
        <source>get lock</source>
        <translation>取出锁</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>put lock</source>
        <translation>放入锁</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>waiting forever for the lock:</source>
        <translation>永远在等待锁：</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>waiting for the lock:</source>
        <translation>正在等待锁：</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>waiting forever:</source>
        <translation>永远在等待：</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>waiting:</source>
        <translation>等待中：</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>+%1</source>
        <translation>+%1</translation>
    </message>
</context>
<context>
    <name>ipcscope::QueueDepthView</name>
    <message>
        <location filename="../widgets/QueueDepthView.cpp" line="+418"/>
        <source>Full %1 s (put() blocks) · empty %2 s (get() blocks) · deepest %3 of %4</source>
        <translation>已满 %1 秒（put() 阻塞） · 已空 %2 秒（get() 阻塞） · 最大深度 %3/%4</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Queue depth</source>
        <translation>队列深度</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>items in queue</source>
        <translation>队列中的物品</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>items/s</source>
        <translation>物品/秒</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>time (s)</source>
        <translation>时间（秒）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>depth</source>
        <translation>深度</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>full: put() blocks</source>
        <translation>已满：put() 阻塞</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>empty: get() blocks</source>
        <translation>已空：get() 阻塞</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>put rate</source>
        <translation>put 速率</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>get rate</source>
        <translation>get 速率</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>capacity %1</source>
        <translation>容量 %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This scenario does not use a queue.</source>
        <translation>此场景不使用队列。</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>No scenario.</source>
        <translation>没有场景。</translation>
    </message>
</context>
<context>
    <name>ipcscope::RaceView</name>
    <message>
        <location filename="../widgets/RaceView.cpp" line="+473"/>
        <source>W%1 &amp; W%2 both read %3</source>
        <translation>W%1 和 W%2 都读到了 %3</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>W%1 read %2 and W%3 read %4 before either wrote</source>
        <translation>W%1 读到 %2，W%3 读到 %4，两者都还没有写回</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>t = %1 s</source>
        <translation>t = %1 秒</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n overlapping window(s) within %1 ms</source>
        <translation>
            <numerusform>%1 毫秒内有 %n 个重叠窗口</numerusform>
        </translation>
    </message>
    <message>
        <location line="+43"/>
        <source>lost updates %1 · overlapping windows %2 · expected %3 · actual %4</source>
        <translation>丢失的更新 %1 · 重叠窗口 %2 · 预期 %3 · 实际 %4</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Each worker increments its own copy: the parent&apos;s counter stays 0, and nothing is lost.</source>
        <translation>每个工作进程只给自己的副本加 1：父进程的计数器始终为 0，也没有任何更新丢失。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Last overlap: %1</source>
        <translation>最近一次重叠：%1</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>produced %1 · consumed %2 · lost %3 · duplicated %4 · phantom %5</source>
        <translation>已生产 %1 · 已消费 %2 · 丢失 %3 · 重复 %4 · 幻影 %5</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Lost items are only known when the run ends.</source>
        <translation>丢失的物品要到运行结束时才能确定。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Races and lost updates</source>
        <translation>竞态与丢失的更新</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>sum of the array</source>
        <translation>数组总和</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>counter value</source>
        <translation>计数器的值</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+10"/>
        <source>lost updates</source>
        <translation>丢失的更新</translation>
    </message>
    <message>
        <location line="-9"/>
        <source>time (s)</source>
        <translation>时间（秒）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>items</source>
        <translation>物品数</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>expected (writes done)</source>
        <translation>预期（已完成的写入）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>expected (increments done)</source>
        <translation>预期（已完成的加 1）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>actual (sum of the elements)</source>
        <translation>实际（元素之和）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>actual (the parent&apos;s counter)</source>
        <translation>实际（父进程的计数器）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>actual (shared counter)</source>
        <translation>实际（共享计数器）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>overlapping read-modify-write</source>
        <translation>重叠的“读取—修改—写回”</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This scenario has no shared counter or queue to race on.</source>
        <translation>此场景没有可供竞争的共享计数器或队列。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No scenario.</source>
        <translation>没有场景。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>lost</source>
        <translation>丢失</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>duplicated</source>
        <translation>重复</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>phantom</source>
        <translation>幻影</translation>
    </message>
</context>
<context>
    <name>ipcscope::ScenarioForm</name>
    <message>
        <location filename="../app/ScenarioForm.cpp" line="+101"/>
        <source>Python: %1</source>
        <translation>Python：%1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Range: %1 to %2</source>
        <translation>范围：%1 到 %2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Can be changed while the session runs.</source>
        <translation>会话运行时也可以修改。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>on</source>
        <translation>开</translation>
    </message>
</context>
<context>
    <name>ipcscope::Session</name>
    <message>
        <location filename="../engine/Session.cpp" line="+154"/>
        <source>this session has already run</source>
        <translation>这个会话已经运行过了</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>worker program not found or not executable: %1</source>
        <translation>找不到工作进程程序，或它不可执行：%1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>removed stale segment %1 (its creator is gone)</source>
        <translation>已删除残留的共享内存段 %1（创建它的进程已不存在）</translation>
    </message>
    <message>
        <location line="+189"/>
        <source>cannot create the pipe: %1</source>
        <translation>无法创建管道：%1</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>cannot create a directory for the socket: %1</source>
        <translation>无法为套接字创建目录：%1</translation>
    </message>
    <message>
        <location line="+84"/>
        <source>cannot start worker %1 (%2): %3</source>
        <translation>无法启动工作进程 %1（%2）：%3</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>worker %1 exited before it was ready: %2</source>
        <translation>工作进程 %1 在就绪之前就退出了：%2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>worker %1 did not report ready within %2 s</source>
        <translation>工作进程 %1 在 %2 秒内没有报告就绪</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>worker %1 did not stop within %2 ms: killed</source>
        <translation>工作进程 %1 没有在 %2 毫秒内停止：已杀死</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>killing worker %1 (pid %2)</source>
        <translation>正在杀死工作进程 %1（pid %2）</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>%1 cannot be changed while the session runs</source>
        <translation>会话运行时不能修改 %1</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>producers and consumers can only be added to a running queue session</source>
        <translation>只能向正在运行的队列会话添加生产者和消费者</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>no free worker slot (at most %1 workers)</source>
        <translation>没有空闲的工作进程槽位（最多 %1 个工作进程）</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>added %1 %2</source>
        <translation>已添加 %1 %2</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>worker %1 (%2) was killed</source>
        <translation>工作进程 %1（%2）已被杀死</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>worker %1 failed (exit code %2): %3</source>
        <translation>工作进程 %1 失败（退出码 %2）：%3</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>every producer&apos;s join() returned: the daemon consumers end with the session</source>
        <translation>所有生产者的 join() 都已返回：守护进程消费者将随会话一同结束</translation>
    </message>
    <message>
        <location line="+133"/>
        <source>lock %1</source>
        <translation>锁 %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the put lock</source>
        <translation>放入锁</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the get lock</source>
        <translation>取出锁</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1, held by worker %2, which is dead</source>
        <translation>%1，由工作进程 %2 持有，而它已经死了</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1, held by worker %2</source>
        <translation>%1，由工作进程 %2 持有</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>a free slot in the queue (%1 of %2 taken)</source>
        <translation>队列中的空位（已占用 %1 / %2）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>an item in the empty queue</source>
        <translation>空队列中的一个物品</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>a permit of the semaphore (%1 permits, %2 of them held by dead workers)</source>
        <translation>信号量的一个许可（共 %1 个许可，其中 %2 个被已死的工作进程持有）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>the event to be set</source>
        <translation>事件被设置</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the barrier (%1 of %2 parties arrived)</source>
        <translation>屏障（%2 方中已到达 %1 方）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>a notify on the condition</source>
        <translation>条件变量上的一次通知</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>every queued item to be marked done (join)</source>
        <translation>队列中每个物品都被标记为完成（join）</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>worker %1 (%2) is stuck, waiting for %3</source>
        <translation>工作进程 %1（%2）卡住了，正在等待：%3</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>nothing it can name</source>
        <translation>无法指明的东西</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>error: BoundedSemaphore refused a release() that had no matching acquire() (Python raises ValueError: Semaphore released too many times)</source>
        <translation>错误：BoundedSemaphore 拒绝了一次没有对应 acquire() 的 release()（Python 会抛出 ValueError: Semaphore released too many times）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>warning: the plain Semaphore accepted a release() without acquire(): it now lets %1 processes in at once instead of %2</source>
        <translation>警告：普通的 Semaphore 接受了一次没有对应 acquire() 的 release()：它现在同时允许 %1 个进程进入，而不是 %2 个</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>killing worker %1 while it holds the lock</source>
        <translation>正在杀死持有锁的工作进程 %1</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>worker %1 waits for lock %2 held by worker %3</source>
        <translation>工作进程 %1 在等待工作进程 %3 持有的锁 %2</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>deadlock: %1; none of them can ever go on</source>
        <translation>死锁：%1；它们都再也无法继续</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>lock %1 is held by worker %2, which is dead: a plain lock is never released (waiting: %3)</source>
        <translation>锁 %1 被工作进程 %2 持有，而该进程已经死亡：普通的锁永远不会被释放（正在等待的进程：%3）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>nobody yet</source>
        <translation>暂时没有</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>every remaining worker is stuck: %1; stopping them</source>
        <translation>剩下的工作进程全部卡住了：%1；正在停止它们</translation>
    </message>
</context>
<context>
    <name>ipcscope::WorkerTableModel</name>
    <message>
        <location filename="../widgets/WorkerTableModel.cpp" line="+17"/>
        <source>%1 ms</source>
        <translation>%1 毫秒</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <location line="+190"/>
        <source>%1 since t = %2 s</source>
        <translation>%1（自 t = %2 秒起）</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Worker</source>
        <translation>工作进程</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>PID</source>
        <translation>PID</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>In state</source>
        <translation>状态持续</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Ops done</source>
        <translation>已完成操作</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Blocked</source>
        <translation>阻塞时长</translation>
    </message>
</context>
</TS>
